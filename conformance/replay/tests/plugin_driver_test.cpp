// SPDX-License-Identifier: Apache-2.0
// Drives libfalco_replay.so through the plugin API as Falco's plugin framework does (init,
// open, next_batch, extract_fields), without Falco, in the plugin API it was built against (2
// or 3). Expected values: conformance/PROTOCOL.md#2-alerts (alerts, invalid lines, blank lines),
// plugin_api.h (event layout, return codes), docs/REAL-FALCO.md section 2 (one event per alert,
// timestamp = the alert's time; under API 2 a boolean field is the string `true`/`false`).
#include <dlfcn.h>
#include <fcntl.h>
#include <plugin_api.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#ifndef FALCO_REPLAY_PLUGIN_PATH
#error "FALCO_REPLAY_PLUGIN_PATH must name libfalco_replay.so"
#endif

namespace fs = std::filesystem;

namespace {

template <typename F>
F sym(void* lib, const char* name) {
    auto* p = dlsym(lib, name);
    EXPECT_NE(p, nullptr) << name;
    return reinterpret_cast<F>(p);
}

fs::path temp_dir() {
    std::string pattern = (fs::temp_directory_path() / "replay-plugin-XXXXXX").string();
    EXPECT_NE(mkdtemp(pattern.data()), nullptr);
    return pattern;
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

struct extracted {
    bool present = false;
    std::string str;
    uint64_t u64 = 0;
    bool boolean = false;
};

// One event as next_batch returned it, copied: the whole event under API 3, the payload and
// the timestamp under API 2.
struct recorded_event {
    uint64_t ts = 0;
    std::vector<uint8_t> bytes;
};

// The calls whose signatures differ between plugin API 2 and 3 (libs@0.10.4 and
// libs@0.11.3:userspace/plugin/plugin_api.h).
class api_driver {
public:
    explicit api_driver(void* lib) : lib_(lib) {}

    ss_plugin_t* init(ss_plugin_rc* rc) {
#if PLUGIN_API_VERSION_MAJOR >= 3
        ss_plugin_init_input in{};
        return sym<ss_plugin_t* (*)(const ss_plugin_init_input*, ss_plugin_rc*)>(
            lib_, "plugin_init")(&in, rc);
#else
        return sym<ss_plugin_t* (*)(const char*, ss_plugin_rc*)>(lib_, "plugin_init")("", rc);
#endif
    }

    ss_plugin_rc next_batch(ss_plugin_t* s, ss_instance_t* h, std::vector<recorded_event>& out) {
        uint32_t n = 0;
#if PLUGIN_API_VERSION_MAJOR >= 3
        ss_plugin_event** evts = nullptr;
        const auto rc =
            sym<ss_plugin_rc (*)(ss_plugin_t*, ss_instance_t*, uint32_t*, ss_plugin_event***)>(
                lib_, "plugin_next_batch")(s, h, &n, &evts);
        for (uint32_t i = 0; i < n; ++i) {
            const auto* b = reinterpret_cast<const uint8_t*>(evts[i]);
            out.push_back({evts[i]->ts, {b, b + evts[i]->len}});
        }
#else
        ss_plugin_event* evts = nullptr;
        const auto rc =
            sym<ss_plugin_rc (*)(ss_plugin_t*, ss_instance_t*, uint32_t*, ss_plugin_event**)>(
                lib_, "plugin_next_batch")(s, h, &n, &evts);
        for (uint32_t i = 0; i < n; ++i) {
            out.push_back({evts[i].ts, {evts[i].data, evts[i].data + evts[i].datalen}});
        }
#endif
        return rc;
    }

    ss_plugin_rc extract(ss_plugin_t* s, const recorded_event& e, uint64_t evtnum,
                         ss_plugin_extract_field& f) {
#if PLUGIN_API_VERSION_MAJOR >= 3
        ss_plugin_field_extract_input req{};
        req.num_fields = 1;
        req.fields = &f;
        ss_plugin_event_input ev{};
        ev.evt = reinterpret_cast<const ss_plugin_event*>(e.bytes.data());
        ev.evtnum = evtnum;
        ev.evtsrc = "replay";
        return sym<ss_plugin_rc (*)(ss_plugin_t*, const ss_plugin_event_input*,
                                    const ss_plugin_field_extract_input*)>(
            lib_, "plugin_extract_fields")(s, &ev, &req);
#else
        ss_plugin_event ev{};
        ev.evtnum = evtnum;
        ev.data = e.bytes.data();
        ev.datalen = static_cast<uint32_t>(e.bytes.size());
        ev.ts = e.ts;
        return sym<ss_plugin_rc (*)(ss_plugin_t*, const ss_plugin_event*, uint32_t,
                                    ss_plugin_extract_field*)>(lib_, "plugin_extract_fields")(
            s, &ev, 1, &f);
#endif
    }

private:
    void* lib_;
};

// Sends this process's stderr (fd 2), where the plugin reports lines, to a file until restored.
class stderr_capture {
public:
    explicit stderr_capture(fs::path path)
        : path_(std::move(path)),
          saved_(dup(2)),
          fd_(::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600)) {
        dup2(fd_, 2);
    }
    stderr_capture(const stderr_capture&) = delete;
    stderr_capture& operator=(const stderr_capture&) = delete;
    ~stderr_capture() { restore(); }

    void restore() {
        if (saved_ >= 0) {
            dup2(saved_, 2);
            ::close(saved_);
            ::close(fd_);
            saved_ = -1;
        }
    }
    std::string text() const {
        std::ifstream in(path_);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

private:
    fs::path path_;
    int saved_;
    int fd_;
};

}  // namespace

TEST(replay_plugin, replays_alerts_as_events) {
    const auto dir = temp_dir();
    write(dir / "spec.json", R"({"source":"replay","rules":["Rule A","Rule B"],"fields":[)"
                             R"({"name":"proc.name","type":"string","arg":false},)"
                             R"({"name":"proc.pid","type":"uint64","arg":false},)"
                             R"({"name":"proc.is_exe_writable","type":"bool","arg":false},)"
                             R"({"name":"proc.aname","type":"string","arg":true}]})");
    write(dir / "alerts.jsonl",
          "{\"time\":1470327477881781397,\"rule\":\"Rule A\",\"priority\":\"Notice\","
          "\"message\":\"m\",\"output_fields\":{\"proc.name\":\"cat\",\"proc.pid\":42,"
          "\"proc.is_exe_writable\":true,\"proc.aname[2]\":\"bash\"}}\n"
          "\n"
          "not json\n"
          "{\"time\":\"2017-10-09T23:31:56.746609046Z\",\"rule\":\"Rule B\",\"priority\":"
          "\"info\",\"message\":\"m\",\"output_fields\":{\"proc.name\":null}}\n"
          "{\"time\":5,\"rule\":\"Unknown\",\"priority\":\"info\",\"message\":\"m\"}\n"
          "{\"time\":6,\"rule\":\"Rule A\",\"priority\":\"Notice\",\"message\":\"no newline\"}");
    setenv("FALCO_REPLAY_SPEC", (dir / "spec.json").c_str(), 1);

    void* lib = dlopen(FALCO_REPLAY_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(lib, nullptr) << dlerror();
    EXPECT_STREQ(sym<const char* (*)()>(lib, "plugin_get_required_api_version")(),
                 PLUGIN_API_VERSION_STR);
    EXPECT_STREQ(sym<const char* (*)()>(lib, "plugin_get_event_source")(), "replay");
    EXPECT_EQ(sym<uint32_t (*)()>(lib, "plugin_get_id")(), 999u);
    const std::string fields = sym<const char* (*)()>(lib, "plugin_get_fields")();
#if PLUGIN_API_VERSION_MAJOR >= 3
    const char* const bool_declared = "\"type\":\"bool\",\"name\":\"proc.is_exe_writable\"";
#else
    const char* const bool_declared = "\"type\":\"string\",\"name\":\"proc.is_exe_writable\"";
#endif
    EXPECT_NE(fields.find(bool_declared), std::string::npos) << fields;
    EXPECT_NE(fields.find("\"name\":\"falco_replay.rule\""), std::string::npos);
    EXPECT_NE(fields.find("\"name\":\"falco_replay.message\""), std::string::npos);
    EXPECT_NE(fields.find("\"name\":\"proc.aname\",\"desc\":\"replayed from output_fields\","
                          "\"arg\":{\"isRequired\":false,\"isKey\":true}"),
              std::string::npos);

    api_driver api(lib);
    ss_plugin_rc rc = SS_PLUGIN_FAILURE;
    auto* state = api.init(&rc);
    ASSERT_EQ(rc, SS_PLUGIN_SUCCESS);
    auto* inst = sym<ss_instance_t* (*)(ss_plugin_t*, const char*, ss_plugin_rc*)>(
        lib, "plugin_open")(state, (dir / "alerts.jsonl").c_str(), &rc);
    ASSERT_EQ(rc, SS_PLUGIN_SUCCESS);

    stderr_capture err(dir / "stderr");  // invalid and unknown alerts

    std::vector<recorded_event> events;
    for (int guard = 0; guard < 100; ++guard) {
        rc = api.next_batch(state, inst, events);
        if (rc == SS_PLUGIN_EOF) {
            break;
        }
        ASSERT_TRUE(rc == SS_PLUGIN_SUCCESS || rc == SS_PLUGIN_TIMEOUT) << rc;
    }
    EXPECT_EQ(rc, SS_PLUGIN_EOF);
    err.restore();

    // Lines 1, 4 and 6 are replayed; 2 is blank, 3 invalid, 5 names a rule without a rule.
    ASSERT_EQ(events.size(), 3u);
#if PLUGIN_API_VERSION_MAJOR >= 3
    const auto* e0 = reinterpret_cast<const ss_plugin_event*>(events[0].bytes.data());
    EXPECT_EQ(e0->type, 322);
    EXPECT_EQ(e0->nparams, 2u);
    EXPECT_EQ(e0->ts, 1470327477881781397u);
#endif
    EXPECT_EQ(events[0].ts, 1470327477881781397u);
    EXPECT_EQ(events[1].ts, 1507591916746609046u);  // date -u -d 2017-10-09T23:31:56Z +%s
    EXPECT_EQ(events[2].ts, 6u);

    const std::string reported = err.text();
    EXPECT_NE(reported.find("line 3: not JSON"), std::string::npos) << reported;
    EXPECT_NE(reported.find("line 5: rule 'Unknown' is not in the case's alerts file"),
              std::string::npos)
        << reported;

    const auto run_extract = [&](std::size_t event, uint32_t field_id, const char* name,
                                 uint32_t type, const char* arg = nullptr) {
        ss_plugin_extract_field f{};
        f.field_id = field_id;
        f.field = name;
        f.ftype = type;
        f.arg_present = arg != nullptr;
        f.arg_key = arg;
        EXPECT_EQ(api.extract(state, events[event], event + 1, f), SS_PLUGIN_SUCCESS);
        extracted out;
        out.present = f.res_len == 1;
        if (out.present && type == FTYPE_STRING) {
            out.str = f.res.str[0];
        }
        if (out.present && type == FTYPE_UINT64) {
            out.u64 = f.res.u64[0];
        }
#if PLUGIN_API_VERSION_MAJOR >= 3
        if (out.present && type == FTYPE_BOOL) {
            out.boolean = f.res.boolean[0] != 0;
        }
#endif
        return out;
    };
    EXPECT_EQ(run_extract(0, 0, "falco_replay.rule", FTYPE_UINT64).u64, 1u);
    EXPECT_EQ(run_extract(1, 0, "falco_replay.rule", FTYPE_UINT64).u64, 2u);
    EXPECT_EQ(run_extract(2, 1, "falco_replay.message", FTYPE_STRING).str, "no newline");
    EXPECT_EQ(run_extract(0, 2, "proc.name", FTYPE_STRING).str, "cat");
    EXPECT_EQ(run_extract(0, 3, "proc.pid", FTYPE_UINT64).u64, 42u);
#if PLUGIN_API_VERSION_MAJOR >= 3
    EXPECT_TRUE(run_extract(0, 4, "proc.is_exe_writable", FTYPE_BOOL).boolean);
#else
    EXPECT_EQ(run_extract(0, 4, "proc.is_exe_writable", FTYPE_STRING).str, "true");
#endif
    EXPECT_EQ(run_extract(0, 5, "proc.aname", FTYPE_STRING, "2").str, "bash");
    // null and missing values have no value: Falco prints <NA> (docs/REAL-FALCO.md section 1).
    EXPECT_FALSE(run_extract(1, 2, "proc.name", FTYPE_STRING).present);
    EXPECT_FALSE(run_extract(1, 3, "proc.pid", FTYPE_UINT64).present);

    sym<void (*)(ss_plugin_t*, ss_instance_t*)>(lib, "plugin_close")(state, inst);
    sym<void (*)(ss_plugin_t*)>(lib, "plugin_destroy")(state);
    dlclose(lib);
    fs::remove_all(dir);
}

// A line the plugin reports ends the batch before it, so Falco has processed every alert before
// it when the report appears (conformance/PROTOCOL.md#2-alerts, as for an implementation that
// reads line by line): the report comes with the next call, not with the events before it.
TEST(replay_plugin, reports_a_line_only_after_the_events_before_it_were_taken) {
    const auto dir = temp_dir();
    write(dir / "spec.json", R"({"source":"replay","rules":["Rule A"],"fields":[]})");
    const std::string alert =
        "{\"time\":1,\"rule\":\"Rule A\",\"priority\":\"Notice\",\"message\":\"m\"}\n";
    write(dir / "alerts.jsonl", alert + alert + "not json\n" + alert);
    setenv("FALCO_REPLAY_SPEC", (dir / "spec.json").c_str(), 1);

    void* lib = dlopen(FALCO_REPLAY_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(lib, nullptr) << dlerror();
    api_driver api(lib);
    ss_plugin_rc rc = SS_PLUGIN_FAILURE;
    auto* state = api.init(&rc);
    ASSERT_EQ(rc, SS_PLUGIN_SUCCESS);
    auto* inst = sym<ss_instance_t* (*)(ss_plugin_t*, const char*, ss_plugin_rc*)>(
        lib, "plugin_open")(state, (dir / "alerts.jsonl").c_str(), &rc);
    ASSERT_EQ(rc, SS_PLUGIN_SUCCESS);

    stderr_capture err(dir / "stderr");

    std::vector<recorded_event> events;
    std::vector<std::size_t> events_after_call;
    std::vector<std::string> stderr_after_call;
    for (int guard = 0; guard < 100 && rc != SS_PLUGIN_EOF; ++guard) {
        rc = api.next_batch(state, inst, events);
        ASSERT_TRUE(rc == SS_PLUGIN_SUCCESS || rc == SS_PLUGIN_TIMEOUT || rc == SS_PLUGIN_EOF)
            << rc;
        if (rc == SS_PLUGIN_SUCCESS) {
            events_after_call.push_back(events.size());
            stderr_after_call.push_back(err.text());
        }
    }
    err.restore();

    ASSERT_EQ(events_after_call.size(), 2u);
    EXPECT_EQ(events_after_call[0], 2u);  // lines 1 and 2; line 3 is left for the next call
    EXPECT_EQ(stderr_after_call[0], "");
    EXPECT_EQ(events_after_call[1], 3u);  // line 4, after line 3 was reported
    EXPECT_NE(stderr_after_call[1].find("line 3: "), std::string::npos) << stderr_after_call[1];
    sym<void (*)(ss_plugin_t*, ss_instance_t*)>(lib, "plugin_close")(state, inst);
    sym<void (*)(ss_plugin_t*)>(lib, "plugin_destroy")(state);
    dlclose(lib);
}
