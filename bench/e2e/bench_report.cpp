// SPDX-License-Identifier: Apache-2.0
#include "bench_report.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
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
    if (v >= 1e6) {
        return fmt("%.2f M", v / 1e6);
    }
    if (v >= 1e4) {
        return fmt("%.1f k", v / 1e3);
    }
    if (v >= 1e3) {
        return fmt("%.2f k", v / 1e3);
    }
    return fmt("%.0f", v);
}

using writer_t = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// RapidJSON's writer call for each type the report holds.
void write_value(writer_t& w, bool v) {
    w.Bool(v);
}
void write_value(writer_t& w, int v) {
    w.Int(v);
}
void write_value(writer_t& w, unsigned v) {
    w.Uint(v);
}
void write_value(writer_t& w, long v) {
    w.Int64(v);
}
void write_value(writer_t& w, unsigned long v) {
    w.Uint64(v);
}
void write_value(writer_t& w, double v) {
    w.Double(v);
}
void write_value(writer_t& w, const char* v) {
    w.String(v);
}
void write_value(writer_t& w, const std::string& v) {
    w.String(v.c_str());
}

template <typename T>
void write_field(writer_t& w, const char* key, const T& value) {
    w.Key(key);
    write_value(w, value);
}

// An absent value is written as null rather than left out: every report has the same keys.
template <typename T>
void write_optional(writer_t& w, const char* key, const std::optional<T>& value) {
    w.Key(key);
    if (value) {
        write_value(w, *value);
    } else {
        w.Null();
    }
}

void write_runs(writer_t& w, const std::vector<run_measure>& runs) {
    w.StartArray();
    for (const auto& r : runs) {
        w.StartObject();
        write_field(w, "wall_s", r.wall_s);
        write_field(w, "alerts_per_s", r.alerts_per_s());
        write_field(w, "mb_per_s", r.mb_per_s());
        write_field(w, "user_s", r.user_s);
        write_field(w, "sys_s", r.sys_s);
        write_optional(w, "max_rss_kb", r.max_rss_kb);
        write_field(w, "sent", r.sent);
        write_field(w, "delivered", r.delivered);
        write_field(w, "bytes", r.bytes);
        write_field(w, "exit_code", r.exit_code);
        write_field(w, "complete", r.complete());
        write_field(w, "error", r.error);
        w.EndObject();
    }
    w.EndArray();
}

void write_summary(writer_t& w, const run_summary& s) {
    w.StartObject();
    write_field(w, "runs", s.runs);
    write_field(w, "complete", s.complete);
    write_field(w, "median_alerts_per_s", s.alerts_per_s);
    write_field(w, "min_alerts_per_s", s.alerts_per_s_min);
    write_field(w, "max_alerts_per_s", s.alerts_per_s_max);
    write_field(w, "median_mb_per_s", s.mb_per_s);
    write_field(w, "median_cpu_s", s.cpu_s);
    write_field(w, "median_cpu_us_per_alert", s.cpu_us_per_alert);
    write_optional(w, "median_max_rss_mb", s.max_rss_mb);
    write_field(w, "bytes_per_alert", s.bytes_per_alert);
    w.EndObject();
}

std::string status_of(const channel_summary& s, bool vs) {
    const channel_result& r = *s.result;
    if (!r.skipped.empty()) {
        return "skipped";
    }
    for (const auto& m : r.impl_runs) {
        if (!m.complete()) {
            return std::string(vs ? "**A FAILED**: " : "**FAILED**: ") + m.error;
        }
    }
    for (const auto& m : r.vs_runs) {
        if (!m.complete()) {
            return "**B FAILED**: " + m.error;
        }
    }
    for (const auto& m : r.baseline_runs) {
        if (!m.complete()) {
            return "baseline failed: " + m.error;
        }
    }
    return "all " + std::to_string(r.alerts) + " delivered";
}

std::string optional_ratio(const std::optional<double>& v) {
    return v ? fmt("%.2f", *v) : "-";
}

// "1.53 M [1.52 M-1.64 M]", or "-" without runs.
std::string rate_cell(const run_summary& s) {
    if (!s.runs) {
        return "-";
    }
    return human(s.alerts_per_s) + " [" + human(s.alerts_per_s_min) + "-" +
           human(s.alerts_per_s_max) + "]";
}

std::string ab_cell(const std::optional<round_ratio>& ab) {
    if (!ab) {
        return "-";
    }
    return fmt("%.2f", ab->median) + " [" + fmt("%.2f", ab->min) + "-" + fmt("%.2f", ab->max) + "]";
}

// MB/s of a side; the `null` channel has no sink to count bytes at.
std::string mb_cell(const channel_result& r, const run_summary& s) {
    return r.spec.sink == sink_kind::discarded ? "-" : fmt("%.1f", s.mb_per_s);
}

constexpr double k_at_ceiling = 0.9;

std::string ceiling_cell(const std::optional<double>& share) {
    if (!share) {
        return "-";
    }
    return fmt("%.2f", *share) + (*share >= k_at_ceiling ? " (at ceiling)" : "");
}

std::string buffering_text(const bench_options& o) {
    if (!o.buffered_outputs) {
        return "buffered_outputs as each channel says";
    }
    return std::string("buffered_outputs: ") + (*o.buffered_outputs ? "true" : "false") +
           " for every channel";
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
    if (::uname(&u) == 0) {
        m.kernel = std::string(u.sysname) + " " + u.release;
    }
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

std::optional<round_ratio> round_ratio::of(const std::vector<run_measure>& a,
                                           const std::vector<run_measure>& b) {
    round_ratio r;
    for (std::size_t k = 0; k < a.size() && k < b.size(); ++k) {
        if (a[k].alerts_per_s() > 0 && b[k].alerts_per_s() > 0) {
            r.per_round.push_back(a[k].alerts_per_s() / b[k].alerts_per_s());
        }
    }
    if (r.per_round.empty()) {
        return std::nullopt;
    }
    std::vector<double> sorted = r.per_round;
    std::sort(sorted.begin(), sorted.end());
    std::size_t n = sorted.size();
    r.median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    r.min = sorted.front();
    r.max = sorted.back();
    return r;
}

channel_summary channel_summary::of(const channel_result& r, const channel_result* ceiling) {
    channel_summary s;
    s.result = &r;
    s.impl = run_summary::of(r.impl_runs);
    s.vs = run_summary::of(r.vs_runs);
    s.baseline = run_summary::of(r.baseline_runs);
    auto share = [](const run_summary& x, const run_summary& of) -> std::optional<double> {
        if (!x.runs || !of.runs || of.alerts_per_s <= 0) {
            return std::nullopt;
        }
        return x.alerts_per_s / of.alerts_per_s;
    };
    s.ratio = share(s.impl, s.baseline);
    s.vs_ratio = share(s.vs, s.baseline);
    if (s.ratio && r.spec.target) {
        s.target_met = s.impl.complete && *s.ratio >= *r.spec.target;
    }
    s.ab = round_ratio::of(r.impl_runs, r.vs_runs);
    if (ceiling) {
        s.impl_of_ceiling = share(s.impl, run_summary::of(ceiling->impl_runs));
        s.vs_of_ceiling = share(s.vs, run_summary::of(ceiling->vs_runs));
    }
    return s;
}

std::vector<channel_summary> bench_report::summaries() const {
    const channel_result* ceiling = nullptr;
    for (const auto& r : results) {
        if (r.spec.sink == sink_kind::discarded && r.skipped.empty()) {
            ceiling = &r;
        }
    }
    std::vector<channel_summary> out;
    for (const auto& r : results) {
        out.push_back(channel_summary::of(r, ceiling));
    }
    return out;
}

bool bench_report::all_complete() const {
    for (const auto& r : results) {
        for (const auto* runs : {&r.impl_runs, &r.vs_runs, &r.baseline_runs}) {
            for (const auto& m : *runs) {
                if (!m.complete()) {
                    return false;
                }
            }
        }
    }
    return true;
}

std::string bench_report::json() const {
    rapidjson::StringBuffer buf;
    writer_t w(buf);
    w.StartObject();
    write_field(w, "tool", "falco-bench");
    write_field(w, "impl", opts->impl_text);
    w.Key("vs_impl");
    if (opts->has_vs()) {
        write_value(w, opts->vs_impl_text);
    } else {
        w.Null();
    }
    write_field(w, "profile", opts->profile);
    write_field(w, "format", opts->json_format ? "json" : "text");
    write_optional(w, "buffered_outputs", opts->buffered_outputs);
    write_field(w, "output_templates", opts->output_templates);
    write_field(w, "alerts", opts->alerts);
    write_field(w, "fields_bytes", opts->fields_bytes);
    write_field(w, "input_bytes_per_alert", input_bytes_per_alert);
    write_field(w, "repeat", opts->repeat);
    write_field(w, "rss_floor_kb", rss_floor_kb);
    w.Key("machine");
    w.StartObject();
    write_field(w, "nproc", machine.nproc);
    write_field(w, "cpu_model", machine.cpu_model);
    write_field(w, "kernel", machine.kernel);
    write_field(w, "loadavg_before", machine.loadavg_before);
    write_field(w, "loadavg_after", machine.loadavg_after);
    write_field(w, "started_utc", machine.started_utc);
    w.EndObject();
    write_field(w, "all_complete", all_complete());
    w.Key("channels");
    w.StartArray();
    for (const auto& s : summaries()) {
        const channel_result& r = *s.result;
        w.StartObject();
        write_field(w, "name", r.spec.name);
        write_field(w, "description", r.spec.description);
        write_field(w, "alerts", r.alerts);
        write_field(w, "buffered", r.buffered);
        write_field(w, "skipped", r.skipped);
        w.Key("impl");
        write_summary(w, s.impl);
        w.Key("impl_runs");
        write_runs(w, r.impl_runs);
        w.Key("vs");
        write_summary(w, s.vs);
        w.Key("vs_runs");
        write_runs(w, r.vs_runs);
        w.Key("ab_ratio");
        if (s.ab) {
            w.StartObject();
            write_field(w, "median", s.ab->median);
            write_field(w, "min", s.ab->min);
            write_field(w, "max", s.ab->max);
            w.Key("per_round");
            w.StartArray();
            for (double v : s.ab->per_round) {
                w.Double(v);
            }
            w.EndArray();
            w.EndObject();
        } else {
            w.Null();
        }
        write_field(w, "baseline_kind", baseline_name(r.spec.baseline));
        write_field(w, "baseline_description", r.spec.baseline_description);
        w.Key("baseline");
        write_summary(w, s.baseline);
        w.Key("baseline_runs");
        write_runs(w, r.baseline_runs);
        write_optional(w, "ratio", s.ratio);
        write_optional(w, "vs_ratio", s.vs_ratio);
        write_optional(w, "target", r.spec.target);
        write_optional(w, "target_met", s.target_met);
        write_optional(w, "impl_of_ceiling", s.impl_of_ceiling);
        write_optional(w, "vs_of_ceiling", s.vs_of_ceiling);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buf.GetString()) + "\n";
}

std::string bench_report::markdown_header() const {
    std::ostringstream md;
    if (opts->has_vs()) {
        md << "### falco-bench: A = `" << opts->impl_text << "`, B = `" << opts->vs_impl_text
           << "`\n\n";
    } else {
        md << "### falco-bench: `" << opts->impl_text << "`\n\n";
    }
    md << "Profile " << opts->profile << ", " << (opts->json_format ? "JSON" : "text") << " alerts"
       << (opts->output_templates ? " (with output_template)" : "") << ", " << buffering_text(*opts)
       << ", " << opts->alerts << " alerts per run (caps per channel below), ~"
       << input_bytes_per_alert << " B per input line, " << opts->repeat << " round(s)";
    if (opts->has_vs()) {
        md << " (each: A, B, then the baseline); alerts/s median [min-max] over the rounds; A/B "
              "is the median of the per-round ratios [their min-max].\n";
    } else {
        md << ", median [min-max].\n";
    }
    md << "Machine: " << machine.nproc << " CPU " << machine.cpu_model << ", " << machine.kernel
       << "; loadavg before `" << machine.loadavg_before << "`, after `" << machine.loadavg_after
       << "`; started " << machine.started_utc << ".\n"
       << "Peak RSS is ru_maxrss of the implementation (floor: `/bin/true` started the same way "
          "shows "
       << fmt("%.1f", double(rss_floor_kb) / 1024) << " MB).\n\n";
    return md.str();
}

std::string bench_report::markdown_single() const {
    std::ostringstream md;
    md << "| channel | alerts | impl alerts/s | impl MB/s | impl CPU µs/alert | impl peak RSS MB "
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
        md << rate_cell(s.impl) << " | " << mb_cell(r, s.impl) << " | "
           << fmt("%.2f", s.impl.cpu_us_per_alert) << " | "
           << (s.impl.max_rss_mb ? fmt("%.1f", *s.impl.max_rss_mb) : "-") << " | "
           << baseline_name(r.spec.baseline) << " | " << rate_cell(s.baseline) << " | "
           << optional_ratio(s.ratio) << " | ";
        if (r.spec.target) {
            md << "≥ " << fmt("%.2f", *r.spec.target) << " "
               << (s.target_met ? (*s.target_met ? "met" : "**missed**") : "-");
        } else {
            md << "-";
        }
        md << " | " << status_of(s, false) << " |\n";
    }
    return md.str();
}

std::string bench_report::markdown_vs() const {
    std::ostringstream md;
    md << "| channel | alerts | buffered | A alerts/s | A CPU µs/alert | B alerts/s | B CPU "
          "µs/alert "
          "| A/B | baseline | baseline alerts/s | A/baseline | B/baseline | delivery |\n"
       << "|---|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---|\n";
    for (const auto& s : summaries()) {
        const channel_result& r = *s.result;
        md << "| " << r.spec.name << " | " << r.alerts << " | " << (r.buffered ? "yes" : "no")
           << " | ";
        if (!r.skipped.empty()) {
            md << "- | - | - | - | - | " << baseline_name(r.spec.baseline)
               << " | - | - | - | skipped: " << r.skipped << " |\n";
            continue;
        }
        md << rate_cell(s.impl) << " | " << fmt("%.2f", s.impl.cpu_us_per_alert) << " | "
           << rate_cell(s.vs) << " | " << fmt("%.2f", s.vs.cpu_us_per_alert) << " | "
           << ab_cell(s.ab) << " | " << baseline_name(r.spec.baseline) << " | "
           << rate_cell(s.baseline) << " | " << optional_ratio(s.ratio) << " | "
           << optional_ratio(s.vs_ratio) << " | " << status_of(s, true) << " |\n";
    }
    return md.str();
}

std::string bench_report::markdown_ceiling() const {
    const auto rows = summaries();
    bool any = false;
    for (const auto& s : rows) {
        any = any || s.impl_of_ceiling || s.vs_of_ceiling;
    }
    if (!any) {
        return "";
    }
    std::ostringstream md;
    md << "\nEach channel's median as a share of the same implementation's `null` channel (its "
          "ceiling: input, formatting and queue without a sink cost). A figure at "
       << fmt("%.2f", k_at_ceiling)
       << " or more of it is the limit of the implementation's input side (for `falco-replay`: "
          "the replay plugin and Falco's engine), not of the channel.\n\n";
    if (opts->has_vs()) {
        md << "| channel | A of ceiling | B of ceiling |\n|---|---:|---:|\n";
    } else {
        md << "| channel | of ceiling |\n|---|---:|\n";
    }
    for (const auto& s : rows) {
        if (s.result->spec.sink == sink_kind::discarded) {
            continue;
        }
        md << "| " << s.result->spec.name << " | " << ceiling_cell(s.impl_of_ceiling);
        if (opts->has_vs()) {
            md << " | " << ceiling_cell(s.vs_of_ceiling);
        }
        md << " |\n";
    }
    return md.str();
}

std::string bench_report::markdown() const {
    std::ostringstream md;
    md << markdown_header() << (opts->has_vs() ? markdown_vs() : markdown_single())
       << "\nBaselines: ";
    bool first = true;
    for (const auto& r : results) {
        md << (first ? "" : "; ") << "`" << r.spec.name << "` " << r.spec.baseline_description;
        first = false;
    }
    md << ".\n" << markdown_ceiling();
    return md.str();
}

std::string bench_report::console() const {
    std::ostringstream out;
    const bool vs = opts->has_vs();
    for (const auto& s : summaries()) {
        const channel_result& r = *s.result;
        out << r.spec.name << ": ";
        if (!r.skipped.empty()) {
            out << "skipped (" << r.skipped << ")\n";
            continue;
        }
        out << (vs ? "A " : "") << human(s.impl.alerts_per_s) << " alerts/s, CPU "
            << fmt("%.2f", s.impl.cpu_us_per_alert) << " µs/alert";
        if (!vs) {
            out << ", " << mb_cell(r, s.impl) << " MB/s";
            if (s.impl.max_rss_mb) {
                out << ", RSS " << fmt("%.1f", *s.impl.max_rss_mb) << " MB";
            }
        } else {
            out << " | B " << human(s.vs.alerts_per_s) << " alerts/s, CPU "
                << fmt("%.2f", s.vs.cpu_us_per_alert) << " µs/alert | A/B " << ab_cell(s.ab);
        }
        if (s.baseline.runs) {
            out << " | baseline " << human(s.baseline.alerts_per_s) << " alerts/s";
        }
        if (s.ratio) {
            out << " | " << (vs ? "A/baseline " : "ratio ") << fmt("%.2f", *s.ratio);
        }
        if (s.vs_ratio) {
            out << ", B/baseline " << fmt("%.2f", *s.vs_ratio);
        }
        if (!vs && r.spec.target && s.target_met) {
            out << " (target " << fmt("%.2f", *r.spec.target) << " "
                << (*s.target_met ? "met" : "MISSED") << ")";
        }
        if (s.impl_of_ceiling) {
            out << " | " << (vs ? "A " : "") << "of ceiling " << fmt("%.2f", *s.impl_of_ceiling);
        }
        if (s.vs_of_ceiling) {
            out << ", B " << fmt("%.2f", *s.vs_of_ceiling);
        }
        out << " | " << status_of(s, vs) << "\n";
    }
    return out.str();
}

}  // namespace falco_bench
