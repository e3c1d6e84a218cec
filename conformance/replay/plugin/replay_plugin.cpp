// SPDX-License-Identifier: Apache-2.0
// The falco_replay source plugin: replays alert-contract lines (conformance/PROTOCOL.md
// section 2) as plugin events, one event per valid alert, with the event timestamp set to the
// alert's `time` and fields that hand `output_fields` values to Falco's formatter. Compiled
// against the plugin_api.h of the Falco/libs under test (FALCO_PLUGIN_API_INCLUDE), so the API
// version it asks for is the one that Falco speaks; plugin_api_compat.hpp holds what differs
// between API 2 and API 3.
#include <fcntl.h>
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
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "alert_reader.hpp"
#include "plugin_api_compat.hpp"
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
        auto declared = out.fields;
        for (auto& f : declared) {
            f.type = replay_api::declared_type(f.type);
        }
        out.fields_json = replay::replay_plan::plugin_fields_json(declared);
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
    replay_api::field_results results;
};

struct instance_state {
    int fd = -1;
    bool owns_fd = false;
    bool is_fifo = false;
    bool eof = false;
    uint32_t line_no = 0;
    std::string buffer;
    replay_api::event_batch events;
};

// Event payload: the 1-based line number (u32) then the line's bytes; extraction re-reads it,
// so an event is self-contained whatever Falco does with it.
std::string make_payload(uint32_t line_no, const std::string& line) {
    std::string payload(sizeof line_no, '\0');
    std::memcpy(payload.data(), &line_no, sizeof line_no);
    return payload + line;
}

// Turns one input line into an event, or reports why not (contract: `line <N>` and the reason).
// With `may_report` false, a line that would be reported is left unread and false returned.
bool take_line(instance_state& in, const std::string& line, bool may_report) {
    auto parsed = replay::alert_reader::read(line);
    if (std::holds_alternative<replay::alert_reader::blank>(parsed)) {
        ++in.line_no;
        return true;
    }
    const auto* why = std::get_if<std::string>(&parsed);
    const auto* alert = std::get_if<replay::replay_alert>(&parsed);
    const bool known_rule = alert != nullptr && the_spec().rule_ids.count(alert->rule) != 0;
    if (!known_rule && !may_report) {
        return false;
    }
    ++in.line_no;
    if (why != nullptr) {
        log_line("line " + std::to_string(in.line_no) + ": " + *why);
    } else if (!known_rule) {
        log_line("line " + std::to_string(in.line_no) + ": rule '" + alert->rule +
                 "' is not in the case's alerts file, so no rule was generated for it; not "
                 "replayed");
    } else {
        in.events.add(alert->time_ns, make_payload(in.line_no, line));
    }
    return true;
}

// The alert of an event, parsed once per event number.
const replay::replay_alert* alert_of(plugin_state& ps, uint64_t evtnum, std::string_view payload) {
    if (ps.cached_evtnum != evtnum) {
        ps.cached.reset();
        if (payload.size() >= sizeof(uint32_t)) {
            auto parsed = replay::alert_reader::read(payload.substr(sizeof(uint32_t)));
            if (auto* a = std::get_if<replay::replay_alert>(&parsed)) {
                ps.cached = std::move(*a);
            }
        }
        ps.cached_evtnum = evtnum;
    }
    return ps.cached ? &*ps.cached : nullptr;
}

// Fills the requested fields from the event's alert (replay_plan::plugin_fields_json: id 0 is
// falco_replay.rule, id 1 falco_replay.message, then the spec's fields).
void extract(plugin_state& ps, uint64_t evtnum, std::string_view payload, uint32_t num_fields,
             ss_plugin_extract_field* fields) {
    const auto* alert = alert_of(ps, evtnum, payload);
    const auto& sp = the_spec();
    ps.results.reset(num_fields);
    for (uint32_t i = 0; i < num_fields; ++i) {
        auto& f = fields[i];
        f.res_len = 0;  // no value: Falco prints <NA> and JSON null
        if (!alert) {
            continue;
        }
        if (f.field_id == 0) {
            const auto it = sp.rule_ids.find(alert->rule);
            if (it != sp.rule_ids.end()) {
                ps.results.set_u64(f, i, it->second);
            }
            continue;
        }
        if (f.field_id == 1) {
            ps.results.set_string(f, i, alert->message);
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
        const auto* v = alert->field(key);
        if (!v) {
            continue;
        }
        if (decl.type == "string" && v->what == replay::replay_value::kind::string) {
            ps.results.set_string(f, i, v->text);
        } else if (decl.type == "uint64" && v->is_unsigned_integer()) {
            ps.results.set_u64(f, i, v->as_unsigned());
        } else if (decl.type == "bool" && v->what == replay::replay_value::kind::boolean) {
            ps.results.set_bool(f, i, v->boolean);
        }
    }
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

ss_plugin_t* plugin_init(replay_api::init_input, ss_plugin_rc* rc) {
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
                               replay_api::batch_out* evts) {
    auto* ps = reinterpret_cast<plugin_state*>(s);
    auto* in = reinterpret_cast<instance_state*>(h);
    in->events.clear();
    *nevts = 0;
    while (in->events.size() < k_max_batch) {
        // A line, or at the end of input a last line without its newline.
        const auto nl = in->buffer.find('\n');
        if (nl != std::string::npos || (in->eof && !in->buffer.empty())) {
            const std::size_t len = nl != std::string::npos ? nl : in->buffer.size();
            // A line reported on stderr ends the batch before it: Falco asks for the next
            // batch only once it has processed every event of this one, so the report of line
            // N shows, as it does for an implementation that reads line by line, that every
            // alert before line N has reached Falco's outputs (conformance/PROTOCOL.md#2-alerts).
            if (!take_line(*in, in->buffer.substr(0, len), in->events.empty())) {
                break;
            }
            in->buffer.erase(0, nl != std::string::npos ? nl + 1 : len);
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
        } else if (errno != EAGAIN && errno != EINTR) {
            ps->last_error = std::string("read: ") + std::strerror(errno);
            return SS_PLUGIN_FAILURE;
        } else {
            return SS_PLUGIN_TIMEOUT;
        }
    }
    *nevts = static_cast<uint32_t>(in->events.size());
    *evts = in->events.publish();
    if (*nevts == 0) {
        return in->eof ? SS_PLUGIN_EOF : SS_PLUGIN_TIMEOUT;
    }
    return SS_PLUGIN_SUCCESS;
}

#ifdef FALCO_REPLAY_PLUGIN_API_3
ss_plugin_rc plugin_extract_fields(ss_plugin_t* s, const ss_plugin_event_input* evt,
                                   const ss_plugin_field_extract_input* in) {
    extract(*reinterpret_cast<plugin_state*>(s), evt->evtnum, replay_api::payload_of(evt->evt),
            in->num_fields, in->fields);
    return SS_PLUGIN_SUCCESS;
}
#else
ss_plugin_rc plugin_extract_fields(ss_plugin_t* s, const ss_plugin_event* evt, uint32_t num_fields,
                                   ss_plugin_extract_field* fields) {
    extract(*reinterpret_cast<plugin_state*>(s), evt->evtnum, replay_api::payload_of(evt),
            num_fields, fields);
    return SS_PLUGIN_SUCCESS;
}
#endif

}  // extern "C"
