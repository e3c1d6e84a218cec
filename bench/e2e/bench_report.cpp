// SPDX-License-Identifier: Apache-2.0
#include "bench_report.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

namespace falco_bench {
namespace {

std::string read_first_line(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

std::string fmt(const char* f, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

// 1234567 -> "1.23 M", 45678 -> "45.7 k": throughput reads best with three digits.
std::string human(double v) {
    if (v >= 1e6)
        return fmt("%.2f M", v / 1e6);
    if (v >= 1e4)
        return fmt("%.1f k", v / 1e3);
    if (v >= 1e3)
        return fmt("%.2f k", v / 1e3);
    return fmt("%.0f", v);
}

using writer_t = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void write_runs(writer_t& w, const std::vector<run_measure>& runs) {
    w.StartArray();
    for (const auto& r : runs) {
        w.StartObject();
        w.Key("wall_s");
        w.Double(r.wall_s);
        w.Key("alerts_per_s");
        w.Double(r.alerts_per_s());
        w.Key("mb_per_s");
        w.Double(r.mb_per_s());
        w.Key("user_s");
        w.Double(r.user_s);
        w.Key("sys_s");
        w.Double(r.sys_s);
        w.Key("max_rss_kb");
        if (r.max_rss_kb)
            w.Int64(*r.max_rss_kb);
        else
            w.Null();
        w.Key("sent");
        w.Uint64(r.sent);
        w.Key("delivered");
        w.Uint64(r.delivered);
        w.Key("bytes");
        w.Uint64(r.bytes);
        w.Key("exit_code");
        w.Int(r.exit_code);
        w.Key("complete");
        w.Bool(r.complete());
        w.Key("error");
        w.String(r.error.c_str());
        w.EndObject();
    }
    w.EndArray();
}

void write_summary(writer_t& w, const run_summary& s) {
    w.StartObject();
    w.Key("runs");
    w.Uint(s.runs);
    w.Key("complete");
    w.Bool(s.complete);
    w.Key("median_alerts_per_s");
    w.Double(s.alerts_per_s);
    w.Key("min_alerts_per_s");
    w.Double(s.alerts_per_s_min);
    w.Key("max_alerts_per_s");
    w.Double(s.alerts_per_s_max);
    w.Key("median_mb_per_s");
    w.Double(s.mb_per_s);
    w.Key("median_cpu_s");
    w.Double(s.cpu_s);
    w.Key("median_cpu_us_per_alert");
    w.Double(s.cpu_us_per_alert);
    w.Key("median_max_rss_mb");
    if (s.max_rss_mb)
        w.Double(*s.max_rss_mb);
    else
        w.Null();
    w.Key("bytes_per_alert");
    w.Double(s.bytes_per_alert);
    w.EndObject();
}

std::string status_of(const channel_summary& s) {
    const channel_result& r = *s.result;
    if (!r.skipped.empty())
        return "skipped";
    for (const auto& m : r.impl_runs)
        if (!m.complete())
            return "**FAILED**: " + m.error;
    for (const auto& m : r.baseline_runs)
        if (!m.complete())
            return "baseline failed: " + m.error;
    return "all " + std::to_string(r.alerts) + " delivered";
}

}  // namespace

machine_info machine_info::probe() {
    machine_info m;
    m.nproc = unsigned(::sysconf(_SC_NPROCESSORS_ONLN));
    std::ifstream cpu("/proc/cpuinfo");
    for (std::string line; std::getline(cpu, line);) {
        if (line.rfind("model name", 0) == 0) {
            m.cpu_model = line.substr(line.find(':') + 2);
            break;
        }
    }
    utsname u{};
    if (::uname(&u) == 0)
        m.kernel = std::string(u.sysname) + " " + u.release;
    m.loadavg_before = loadavg();
    std::time_t now = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%FT%TZ", std::gmtime(&now));
    m.started_utc = buf;
    return m;
}

std::string machine_info::loadavg() {
    return read_first_line("/proc/loadavg");
}

channel_summary channel_summary::of(const channel_result& r) {
    channel_summary s;
    s.result = &r;
    s.impl = run_summary::of(r.impl_runs);
    s.baseline = run_summary::of(r.baseline_runs);
    if (s.impl.runs && s.baseline.runs && s.baseline.alerts_per_s > 0) {
        s.ratio = s.impl.alerts_per_s / s.baseline.alerts_per_s;
        if (r.spec.target)
            s.target_met = s.impl.complete && *s.ratio >= *r.spec.target;
    }
    return s;
}

std::vector<channel_summary> bench_report::summaries() const {
    std::vector<channel_summary> out;
    for (const auto& r : results)
        out.push_back(channel_summary::of(r));
    return out;
}

bool bench_report::all_complete() const {
    for (const auto& r : results) {
        for (const auto& m : r.impl_runs)
            if (!m.complete())
                return false;
        for (const auto& m : r.baseline_runs)
            if (!m.complete())
                return false;
    }
    return true;
}

std::string bench_report::json() const {
    rapidjson::StringBuffer buf;
    writer_t w(buf);
    w.StartObject();
    w.Key("tool");
    w.String("falco-bench");
    w.Key("impl");
    w.String(opts->impl_text.c_str());
    w.Key("profile");
    w.String(opts->profile.c_str());
    w.Key("format");
    w.String(opts->json_format ? "json" : "text");
    w.Key("alerts");
    w.Uint64(opts->alerts);
    w.Key("fields_bytes");
    w.Uint64(opts->fields_bytes);
    w.Key("input_bytes_per_alert");
    w.Uint64(input_bytes_per_alert);
    w.Key("repeat");
    w.Uint(opts->repeat);
    w.Key("rss_floor_kb");
    w.Int64(rss_floor_kb);
    w.Key("machine");
    w.StartObject();
    w.Key("nproc");
    w.Uint(machine.nproc);
    w.Key("cpu_model");
    w.String(machine.cpu_model.c_str());
    w.Key("kernel");
    w.String(machine.kernel.c_str());
    w.Key("loadavg_before");
    w.String(machine.loadavg_before.c_str());
    w.Key("loadavg_after");
    w.String(machine.loadavg_after.c_str());
    w.Key("started_utc");
    w.String(machine.started_utc.c_str());
    w.EndObject();
    w.Key("all_complete");
    w.Bool(all_complete());
    w.Key("channels");
    w.StartArray();
    for (const auto& s : summaries()) {
        const channel_result& r = *s.result;
        w.StartObject();
        w.Key("name");
        w.String(r.spec.name.c_str());
        w.Key("description");
        w.String(r.spec.description.c_str());
        w.Key("alerts");
        w.Uint64(r.alerts);
        w.Key("skipped");
        w.String(r.skipped.c_str());
        w.Key("impl");
        write_summary(w, s.impl);
        w.Key("impl_runs");
        write_runs(w, r.impl_runs);
        w.Key("baseline_kind");
        w.String(baseline_name(r.spec.baseline).c_str());
        w.Key("baseline_description");
        w.String(r.spec.baseline_description.c_str());
        w.Key("baseline");
        write_summary(w, s.baseline);
        w.Key("baseline_runs");
        write_runs(w, r.baseline_runs);
        w.Key("ratio");
        if (s.ratio)
            w.Double(*s.ratio);
        else
            w.Null();
        w.Key("target");
        if (r.spec.target)
            w.Double(*r.spec.target);
        else
            w.Null();
        w.Key("target_met");
        if (s.target_met)
            w.Bool(*s.target_met);
        else
            w.Null();
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buf.GetString()) + "\n";
}

std::string bench_report::markdown() const {
    std::ostringstream md;
    md << "### falco-bench: `" << opts->impl_text << "`\n\n"
       << "Profile " << opts->profile << ", " << (opts->json_format ? "JSON" : "text")
       << " alerts, " << opts->alerts << " alerts per run (caps per channel below), ~"
       << input_bytes_per_alert << " B per input line, " << opts->repeat
       << " run(s) per side, median [min-max].\n"
       << "Machine: " << machine.nproc << " CPU " << machine.cpu_model << ", " << machine.kernel
       << "; loadavg before `" << machine.loadavg_before << "`, after `" << machine.loadavg_after
       << "`; started " << machine.started_utc << ".\n"
       << "Peak RSS is ru_maxrss of the implementation (floor: `/bin/true` started the same way "
          "shows "
       << fmt("%.1f", double(rss_floor_kb) / 1024) << " MB).\n\n"
       << "| channel | alerts | impl alerts/s | impl MB/s | impl CPU µs/alert | impl peak RSS MB "
          "| baseline | baseline alerts/s | ratio | target | delivery |\n"
       << "|---|---:|---:|---:|---:|---:|---|---:|---:|---|---|\n";
    for (const auto& s : summaries()) {
        const channel_result& r = *s.result;
        md << "| " << r.spec.name << " | " << r.alerts << " | ";
        if (!r.skipped.empty()) {
            md << "- | - | - | - | " << baseline_name(r.spec.baseline)
               << " | - | - | - | skipped: " << r.skipped << " |\n";
            continue;
        }
        md << human(s.impl.alerts_per_s) << " [" << human(s.impl.alerts_per_s_min) << "-"
           << human(s.impl.alerts_per_s_max) << "] | " << fmt("%.1f", s.impl.mb_per_s) << " | "
           << fmt("%.2f", s.impl.cpu_us_per_alert) << " | "
           << (s.impl.max_rss_mb ? fmt("%.1f", *s.impl.max_rss_mb) : "-") << " | "
           << baseline_name(r.spec.baseline) << " | ";
        if (s.baseline.runs)
            md << human(s.baseline.alerts_per_s) << " [" << human(s.baseline.alerts_per_s_min)
               << "-" << human(s.baseline.alerts_per_s_max) << "] | ";
        else
            md << "- | ";
        md << (s.ratio ? fmt("%.2f", *s.ratio) : "-") << " | ";
        if (r.spec.target)
            md << "≥ " << fmt("%.2f", *r.spec.target) << " "
               << (s.target_met ? (*s.target_met ? "met" : "**missed**") : "-");
        else
            md << "-";
        md << " | " << status_of(s) << " |\n";
    }
    md << "\nBaselines: ";
    bool first = true;
    for (const auto& r : results) {
        md << (first ? "" : "; ") << "`" << r.spec.name << "` " << r.spec.baseline_description;
        first = false;
    }
    md << ".\n";
    return md.str();
}

std::string bench_report::console() const {
    std::ostringstream out;
    for (const auto& s : summaries()) {
        const channel_result& r = *s.result;
        out << r.spec.name << ": ";
        if (!r.skipped.empty()) {
            out << "skipped (" << r.skipped << ")\n";
            continue;
        }
        out << human(s.impl.alerts_per_s) << " alerts/s, " << fmt("%.1f", s.impl.mb_per_s)
            << " MB/s, CPU " << fmt("%.2f", s.impl.cpu_us_per_alert) << " µs/alert";
        if (s.impl.max_rss_mb)
            out << ", RSS " << fmt("%.1f", *s.impl.max_rss_mb) << " MB";
        if (s.baseline.runs)
            out << " | baseline " << human(s.baseline.alerts_per_s) << " alerts/s";
        if (s.ratio)
            out << " | ratio " << fmt("%.2f", *s.ratio);
        if (r.spec.target && s.target_met)
            out << " (target " << fmt("%.2f", *r.spec.target) << " "
                << (*s.target_met ? "met" : "MISSED") << ")";
        out << " | " << status_of(s) << "\n";
    }
    return out.str();
}

}  // namespace falco_bench
