// SPDX-License-Identifier: Apache-2.0
#include "mocks/records.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <strings.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "mocks/base64.hpp"

namespace mocks {
namespace {

using json = rapidjson::Value;

// One JSON object per complete line; a last line without its newline is still being written.
template <typename F>
void for_each_record(const std::string& path, F&& on_record) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    std::size_t pos = 0;
    std::size_t line_no = 0;
    while (true) {
        const auto nl = text.find('\n', pos);
        if (nl == std::string::npos) {
            break;
        }
        ++line_no;
        const std::string line = text.substr(pos, nl - pos);
        pos = nl + 1;
        rapidjson::Document doc;
        doc.Parse(line.c_str(), line.size());
        try {
            if (doc.HasParseError()) {
                throw std::runtime_error(rapidjson::GetParseError_En(doc.GetParseError()));
            }
            if (!doc.IsObject()) {
                throw std::runtime_error("not a JSON object");
            }
            on_record(doc);
        } catch (const std::exception& e) {
            throw std::runtime_error(path + ":" + std::to_string(line_no) +
                                     ": invalid record: " + e.what());
        }
    }
}

const json* member(const json& o, const char* key) {
    const auto it = o.FindMember(key);
    return it == o.MemberEnd() ? nullptr : &it->value;
}

std::string as_string(const json& v, const char* key) {
    if (!v.IsString()) {
        throw std::runtime_error(std::string("'") + key + "' is not a string");
    }
    return {v.GetString(), v.GetStringLength()};
}

// A byte string stored under `key` or, base64-encoded, under `key_base64`.
std::optional<std::string> bytes(const json& o, const char* key) {
    if (const json* v = member(o, key); v != nullptr && !v->IsNull()) {
        return as_string(*v, key);
    }
    const std::string b64 = std::string(key) + "_base64";
    if (const json* v = member(o, b64.c_str()); v != nullptr) {
        return base64_decode(as_string(*v, b64.c_str()));
    }
    return std::nullopt;
}

std::string required_bytes(const json& o, const char* key) {
    auto v = bytes(o, key);
    if (!v) {
        throw std::runtime_error(std::string("missing '") + key + "'");
    }
    return *v;
}

std::optional<std::int64_t> number(const json& o, const char* key) {
    const json* v = member(o, key);
    if (v == nullptr || v->IsNull()) {
        return std::nullopt;
    }
    if (!v->IsInt64()) {
        throw std::runtime_error(std::string("'") + key + "' is not an integer");
    }
    return v->GetInt64();
}

std::int64_t required_number(const json& o, const char* key) {
    auto v = number(o, key);
    if (!v) {
        throw std::runtime_error(std::string("missing '") + key + "'");
    }
    return *v;
}

bool boolean(const json& o, const char* key) {
    const json* v = member(o, key);
    if (v == nullptr || !v->IsBool()) {
        throw std::runtime_error(std::string("'") + key + "'");
    }
    return v->GetBool();
}

}  // namespace

std::optional<std::string> http_record::header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
        if (n.size() == name.size() && ::strncasecmp(n.data(), name.data(), n.size()) == 0) {
            return v;
        }
    }
    return std::nullopt;
}

std::vector<syslog_record> read_syslog_records(const std::string& path) {
    std::vector<syslog_record> out;
    for_each_record(path, [&](const json& o) {
        syslog_record r;
        r.seq = static_cast<std::uint64_t>(required_number(o, "seq"));
        r.transport = required_bytes(o, "transport");
        r.format = required_bytes(o, "format");
        if (auto v = number(o, "pri")) {
            r.pri = static_cast<int>(*v);
        }
        if (auto v = number(o, "facility")) {
            r.facility = static_cast<int>(*v);
        }
        if (auto v = number(o, "severity")) {
            r.severity = static_cast<int>(*v);
        }
        r.timestamp = bytes(o, "timestamp");
        r.host = bytes(o, "host");
        r.ident = bytes(o, "ident");
        if (auto v = number(o, "pid")) {
            r.pid = static_cast<long>(*v);
        }
        r.msgid = bytes(o, "msgid");
        r.structured_data = bytes(o, "structured_data");
        r.msg = bytes(o, "msg").value_or("");
        r.raw = required_bytes(o, "raw");
        r.error = bytes(o, "error").value_or("");
        out.push_back(std::move(r));
    });
    return out;
}

std::vector<http_record> read_http_records(const std::string& path) {
    std::vector<http_record> out;
    for_each_record(path, [&](const json& o) {
        if (member(o, "event") != nullptr) {
            return;  // connection and TLS events
        }
        http_record r;
        r.seq = static_cast<std::uint64_t>(required_number(o, "seq"));
        r.conn_id = static_cast<std::uint64_t>(required_number(o, "conn_id"));
        r.tls = boolean(o, "tls");
        r.method = required_bytes(o, "method");
        r.target = required_bytes(o, "target");
        r.version = required_bytes(o, "version");
        const bool b64 = member(o, "headers") == nullptr;
        const json* headers = member(o, b64 ? "headers_base64" : "headers");
        if (headers == nullptr || !headers->IsArray()) {
            throw std::runtime_error("'headers'");
        }
        for (const auto& pair : headers->GetArray()) {
            if (!pair.IsArray() || pair.Size() != 2) {
                throw std::runtime_error("header pair");
            }
            std::string n = as_string(pair[0], "header name");
            std::string v = as_string(pair[1], "header value");
            if (b64) {
                n = base64_decode(n);
                v = base64_decode(v);
            }
            r.headers.emplace_back(std::move(n), std::move(v));
        }
        r.body = required_bytes(o, "body");
        r.status = static_cast<int>(number(o, "status").value_or(0));
        r.fault = bytes(o, "fault").value_or("");
        if (auto v = number(o, "delay_ms")) {
            r.delay_ms = static_cast<int>(*v);
        }
        out.push_back(std::move(r));
    });
    return out;
}

std::uint64_t read_http_connection_count(const std::string& path) {
    std::uint64_t count = 0;
    for_each_record(path, [&](const json& o) {
        if (const json* e = member(o, "event");
            e != nullptr && e->IsString() && std::string_view(e->GetString()) == "connection") {
            ++count;
        }
    });
    return count;
}

std::vector<capture_event> read_capture_events(const std::string& path) {
    std::vector<capture_event> out;
    for_each_record(path, [&](const json& o) {
        capture_event e;
        e.event = required_bytes(o, "event");
        e.pid = static_cast<long>(required_number(o, "pid"));
        e.t_ns = static_cast<std::uint64_t>(required_number(o, "t_ns"));
        if (e.event == "start") {
            e.ppid = static_cast<long>(required_number(o, "ppid"));
            e.pgid = static_cast<long>(required_number(o, "pgid"));
            e.sid = static_cast<long>(required_number(o, "sid"));
            const bool b64 = member(o, "argv") == nullptr;
            const json* argv = member(o, b64 ? "argv_base64" : "argv");
            if (argv == nullptr || !argv->IsArray()) {
                throw std::runtime_error("'argv'");
            }
            for (const auto& a : argv->GetArray()) {
                const std::string s = as_string(a, "argv");
                e.argv.push_back(b64 ? base64_decode(s) : s);
            }
        } else if (e.event == "read") {
            e.data = required_bytes(o, "data");
        } else if (e.event == "signal") {
            e.signal = required_bytes(o, "signal");
        } else if (e.event == "exit") {
            e.code = static_cast<int>(required_number(o, "code"));
        }
        out.push_back(std::move(e));
    });
    return out;
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout,
                std::chrono::milliseconds poll) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (condition()) {
            return true;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return condition();
        }
        std::this_thread::sleep_for(poll);
    }
}

}  // namespace mocks
