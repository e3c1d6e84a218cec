// SPDX-License-Identifier: Apache-2.0
// The falco_replay source plugin: replays alert-contract lines (conformance/PROTOCOL.md
// section 2) as plugin events, one event per valid alert, with the event timestamp set to the
// alert's `time` and fields that hand `output_fields` values to Falco's formatter. Compiled
// against the plugin_api.h of the Falco/libs under test (FALCO_PLUGIN_API_INCLUDE), so the API
// version it asks for is the one that Falco speaks.
#include <fcntl.h>
#include <plugin_api.h>

// Plugin API headers before libs 0.22 (Falco 0.41 and older) do not name it; the event layout is
// the same in every 3.x API: the 26-byte header, two u32 parameter lengths and the u32 plugin id
// (libs@0.22.2:userspace/plugin/plugin_api.h:49-56).
#ifndef PLUGIN_EVENT_PAYLOAD_OFFSET
#define PLUGIN_EVENT_PAYLOAD_OFFSET 38
#endif
#include <poll.h>
#include <rapidjson/document.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "alert_reader.hpp"
#include "replay_plan.hpp"

namespace {

// Plugin id 999 is the registry's id for development and testing plugins.
constexpr uint32_t k_plugin_id = 999;
constexpr int k_poll_ms = 20;  // how long next_batch waits for input before "timeout"
constexpr uint32_t k_max_batch = 64;

// The adapter's plan as the plugin needs it (replay_plan::plugin_spec_json).
struct spec {
    std::string source = replay::replay_plan::k_alias_source;
    std::map<std::string, uint64_t> rule_ids;  // name -> 1-based index
    std::vector<replay::plugin_field> fields;
    std::string fields_json;
    std::string error;
};

// get_fields() and get_event_source() come before init(), so the spec is read once, lazily,
// from the file the adapter names in the environment.
const spec& the_spec() {
    static const spec s = [] {
        spec out;
        const char* path = std::getenv("FALCO_REPLAY_SPEC");
        if (path) {
            std::ifstream in(path, std::ios::binary);
            std::stringstream text;
            text << in.rdbuf();
            rapidjson::Document doc;
            doc.Parse(text.str().c_str());
            if (!in || doc.HasParseError() || !doc.IsObject()) {
                out.error = std::string("cannot read the replay spec ") + path;
            } else {
                out.source = doc["source"].GetString();
                uint64_t id = 0;
                for (const auto& r : doc["rules"].GetArray()) {
                    out.rule_ids.emplace(std::string(r.GetString(), r.GetStringLength()), ++id);
                }
                for (const auto& f : doc["fields"].GetArray()) {
                    out.fields.push_back(
                        {f["name"].GetString(), f["type"].GetString(), f["arg"].GetBool()});
                }
            }
        } else {
            out.error = "FALCO_REPLAY_SPEC is not set (run Falco through falco-replay)";
        }
        out.fields_json = replay::replay_plan::plugin_fields_json(out.fields);
        return out;
    }();
    return s;
}

void log_line(const std::string& text) {
    const std::string line = "falco-replay: " + text + "\n";
    [[maybe_unused]] auto n = ::write(2, line.data(), line.size());
}

struct plugin_state {
    std::string last_error;
    // extract_fields: the parsed alert of the last event, and storage that must outlive the call.
    uint64_t cached_evtnum = UINT64_MAX;
    std::optional<replay::replay_alert> cached;
    std::vector<std::string> str_values;
    std::vector<const char*> str_ptrs;
    std::vector<uint64_t> u64_values;
    std::vector<ss_plugin_bool> bool_values;
};

struct instance_state {
    int fd = -1;
    bool owns_fd = false;
    bool is_fifo = false;
    bool eof = false;
    uint32_t line_no = 0;
    std::string buffer;
    std::vector<std::vector<uint8_t>> events;
    std::vector<ss_plugin_event*> event_ptrs;
};

// Event payload: the 1-based line number (u32) then the line's bytes; extraction re-reads it,
// so an event is self-contained whatever Falco does with it.
std::vector<uint8_t> make_event(uint64_t ts, uint32_t line_no, const std::string& line) {
    const uint32_t payload_len = static_cast<uint32_t>(sizeof line_no + line.size());
    const uint32_t total = PLUGIN_EVENT_PAYLOAD_OFFSET + payload_len;
    std::vector<uint8_t> buf(total);
    ss_plugin_event hdr{};
    hdr.ts = ts;
    hdr.tid = UINT64_MAX;
    hdr.len = total;
    hdr.type = 322;  // PPME_PLUGINEVENT_E: param 1 plugin id (u32), param 2 data (bytebuf)
    hdr.nparams = 2;
    std::memcpy(buf.data(), &hdr, sizeof hdr);
    uint8_t* p = buf.data() + sizeof hdr;
    const uint32_t lens[2] = {sizeof(uint32_t), payload_len};
    std::memcpy(p, lens, sizeof lens);
    p += sizeof lens;
    const uint32_t id = 0;  // the framework sets our id
    std::memcpy(p, &id, sizeof id);
    p += sizeof id;
    std::memcpy(p, &line_no, sizeof line_no);
    std::memcpy(p + sizeof line_no, line.data(), line.size());
    return buf;
}

// Turns one input line into an event, or reports why not (contract: `line <N>` and the reason).
void take_line(instance_state& in, std::string line) {
    ++in.line_no;
    auto parsed = replay::alert_reader::read(line);
    if (std::holds_alternative<replay::alert_reader::blank>(parsed)) {
        return;
    }
    if (const auto* why = std::get_if<std::string>(&parsed)) {
        log_line("line " + std::to_string(in.line_no) + ": " + *why);
        return;
    }
    const auto& alert = std::get<replay::replay_alert>(parsed);
    if (!the_spec().rule_ids.count(alert.rule)) {
        log_line("line " + std::to_string(in.line_no) + ": rule '" + alert.rule +
                 "' is not in the case's alerts file, so no rule was generated for it; not "
                 "replayed");
        return;
    }
    in.events.push_back(make_event(alert.time_ns, in.line_no, line));
}

}  // namespace

extern "C" {

const char* plugin_get_required_api_version() {
    return PLUGIN_API_VERSION_STR;
}
const char* plugin_get_name() {
    return "falco_replay";
}
const char* plugin_get_description() {
    return "Replays alert-contract JSON lines as events (falco-conformance adapter)";
}
const char* plugin_get_contact() {
    return "falco-outputs-conformance";
}
const char* plugin_get_version() {
    return "0.1.0";
}
uint32_t plugin_get_id() {
    return k_plugin_id;
}
const char* plugin_get_event_source() {
    return the_spec().source.c_str();
}
const char* plugin_get_fields() {
    return the_spec().fields_json.c_str();
}

ss_plugin_t* plugin_init(const ss_plugin_init_input*, ss_plugin_rc* rc) {
    auto* s = new plugin_state();
    if (!the_spec().error.empty()) {
        s->last_error = the_spec().error;
        *rc = SS_PLUGIN_FAILURE;
    } else {
        *rc = SS_PLUGIN_SUCCESS;
    }
    return reinterpret_cast<ss_plugin_t*>(s);
}

void plugin_destroy(ss_plugin_t* s) {
    delete reinterpret_cast<plugin_state*>(s);
}

const char* plugin_get_last_error(ss_plugin_t* s) {
    return reinterpret_cast<plugin_state*>(s)->last_error.c_str();
}

ss_instance_t* plugin_open(ss_plugin_t* s, const char* params, ss_plugin_rc* rc) {
    auto* ps = reinterpret_cast<plugin_state*>(s);
    auto in = std::make_unique<instance_state>();
    const std::string path = params ? params : "-";
    if (path.empty() || path == "-") {
        in->fd = 0;
    } else {
        // Non-blocking, so that a FIFO nobody writes yet does not stall Falco's start-up.
        in->fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        in->owns_fd = true;
        if (in->fd < 0) {
            ps->last_error = "cannot open " + path + ": " + std::strerror(errno);
            *rc = SS_PLUGIN_FAILURE;
            return nullptr;
        }
    }
    struct stat st {};
    in->is_fifo = ::fstat(in->fd, &st) == 0 && S_ISFIFO(st.st_mode) && in->owns_fd;
    *rc = SS_PLUGIN_SUCCESS;
    return reinterpret_cast<ss_instance_t*>(in.release());
}

void plugin_close(ss_plugin_t*, ss_instance_t* h) {
    auto* in = reinterpret_cast<instance_state*>(h);
    if (in && in->owns_fd) {
        ::close(in->fd);
    }
    delete in;
}

ss_plugin_rc plugin_next_batch(ss_plugin_t* s, ss_instance_t* h, uint32_t* nevts,
                               ss_plugin_event*** evts) {
    auto* ps = reinterpret_cast<plugin_state*>(s);
    auto* in = reinterpret_cast<instance_state*>(h);
    in->events.clear();
    in->event_ptrs.clear();
    *nevts = 0;
    while (in->events.size() < k_max_batch) {
        const auto nl = in->buffer.find('\n');
        if (nl != std::string::npos) {
            std::string line = in->buffer.substr(0, nl);
            in->buffer.erase(0, nl + 1);
            take_line(*in, std::move(line));
            continue;
        }
        if (in->eof) {
            break;
        }
        if (!in->events.empty()) {
            break;  // deliver what is ready before waiting for more
        }
        pollfd p{in->fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, k_poll_ms);
        if (ready < 0 && errno != EINTR) {
            ps->last_error = std::string("poll: ") + std::strerror(errno);
            return SS_PLUGIN_FAILURE;
        }
        if (ready <= 0) {
            return SS_PLUGIN_TIMEOUT;  // Falco checks its signal flags meanwhile
        }
        char chunk[65536];
        const ssize_t n = ::read(in->fd, chunk, sizeof chunk);
        if (n > 0) {
            in->buffer.append(chunk, static_cast<std::size_t>(n));
        } else if (n == 0) {
            // A FIFO reads 0 bytes before its first writer too; Linux reports POLLHUP only once
            // a writer has come and gone, which is the real end.
            if (in->is_fifo && !(p.revents & POLLHUP)) {
                return SS_PLUGIN_TIMEOUT;
            }
            in->eof = true;
            if (!in->buffer.empty()) {
                take_line(*in, std::move(in->buffer));  // a last line without its newline
                in->buffer.clear();
            }
        } else if (errno != EAGAIN && errno != EINTR) {
            ps->last_error = std::string("read: ") + std::strerror(errno);
            return SS_PLUGIN_FAILURE;
        } else {
            return SS_PLUGIN_TIMEOUT;
        }
    }
    for (auto& e : in->events) {
        in->event_ptrs.push_back(reinterpret_cast<ss_plugin_event*>(e.data()));
    }
    *nevts = static_cast<uint32_t>(in->event_ptrs.size());
    *evts = in->event_ptrs.data();
    if (*nevts == 0) {
        return in->eof ? SS_PLUGIN_EOF : SS_PLUGIN_TIMEOUT;
    }
    return SS_PLUGIN_SUCCESS;
}

ss_plugin_rc plugin_extract_fields(ss_plugin_t* s, const ss_plugin_event_input* evt,
                                   const ss_plugin_field_extract_input* in) {
    auto* ps = reinterpret_cast<plugin_state*>(s);
    if (ps->cached_evtnum != evt->evtnum) {
        const auto* base = reinterpret_cast<const uint8_t*>(evt->evt);
        const auto* payload = base + PLUGIN_EVENT_PAYLOAD_OFFSET;
        const std::size_t len = evt->evt->len - PLUGIN_EVENT_PAYLOAD_OFFSET;
        ps->cached.reset();
        if (len >= sizeof(uint32_t)) {
            auto parsed = replay::alert_reader::read(std::string_view(
                reinterpret_cast<const char*>(payload + sizeof(uint32_t)), len - sizeof(uint32_t)));
            if (auto* a = std::get_if<replay::replay_alert>(&parsed)) {
                ps->cached = std::move(*a);
            }
        }
        ps->cached_evtnum = evt->evtnum;
    }
    const auto& sp = the_spec();
    ps->str_values.assign(in->num_fields, {});
    ps->str_ptrs.assign(in->num_fields, nullptr);
    ps->u64_values.assign(in->num_fields, 0);
    ps->bool_values.assign(in->num_fields, 0);
    for (uint32_t i = 0; i < in->num_fields; ++i) {
        auto& f = in->fields[i];
        f.res_len = 0;  // no value: Falco prints <NA> and JSON null
        if (!ps->cached) {
            continue;
        }
        const auto& alert = *ps->cached;
        if (f.field_id == 0) {
            const auto it = sp.rule_ids.find(alert.rule);
            if (it == sp.rule_ids.end()) {
                continue;
            }
            ps->u64_values[i] = it->second;
            f.res.u64 = &ps->u64_values[i];
            f.res_len = 1;
            continue;
        }
        if (f.field_id == 1) {  // falco_replay.message (replay_plan::plugin_fields_json)
            ps->str_values[i] = alert.message;
            ps->str_ptrs[i] = ps->str_values[i].c_str();
            f.res.str = &ps->str_ptrs[i];
            f.res_len = 1;
            continue;
        }
        if (f.field_id - 2 >= sp.fields.size()) {
            continue;
        }
        const auto& decl = sp.fields[f.field_id - 2];
        std::string key = decl.name;
        if (f.arg_present && f.arg_key) {
            key += std::string("[") + f.arg_key + "]";
        }
        const auto* v = alert.field(key);
        if (!v) {
            continue;
        }
        if (decl.type == "string" && v->what == replay::replay_value::kind::string) {
            ps->str_values[i] = v->text;
            ps->str_ptrs[i] = ps->str_values[i].c_str();
            f.res.str = &ps->str_ptrs[i];
            f.res_len = 1;
        } else if (decl.type == "uint64" && v->is_unsigned_integer()) {
            ps->u64_values[i] = v->as_unsigned();
            f.res.u64 = &ps->u64_values[i];
            f.res_len = 1;
        } else if (decl.type == "bool" && v->what == replay::replay_value::kind::boolean) {
            ps->bool_values[i] = v->boolean ? 1 : 0;
            f.res.boolean = &ps->bool_values[i];
            f.res_len = 1;
        }
    }
    return SS_PLUGIN_SUCCESS;
}

}  // extern "C"
