// SPDX-License-Identifier: Apache-2.0
#include "bench_options.hpp"

#include <charconv>

#include "channel_catalog.hpp"

namespace falco_bench {

const char* const usage_text =
    R"(usage: falco-bench --impl "CMD [ARGS]" [--vs "CMD [ARGS]"] [options]

Runs an output implementation (conformance/PROTOCOL.md) once per channel configuration with N
pre-generated alerts on stdin, counts every alert at the receiving end, and compares its
throughput with a minimal loop writing the same lines to the same sink. The alerts are also
in a file named by $FALCO_CONFORMANCE_ALERTS (PROTOCOL.md "Alerts file for adapters").

  --impl "CMD [ARGS]"     implementation command prefix (required); `-c falco.yaml` is appended
  --vs "CMD [ARGS]"       a second implementation (B; --impl is A), run on the same alerts and
                          sinks, A then B in every round; reports the A/B ratio per channel
  --profile 0.44|legacy   config dialect and HTTP baseline (default 0.44); the profile flag of
                          the implementation itself belongs in --impl
  --alerts N              alerts per run (default 200000)
  --cap CHANNEL=N         alerts for one channel (defaults: program_nokeep=2000, http=50000)
  --channels A,B,...      stdout, stdout_unbuffered, file, file_unbuffered, file_nokeep, syslog,
                          program, program_unbuffered, program_nokeep, http, null
                          (default stdout,file,file_nokeep,syslog,program,program_nokeep,http;
                          null: file_output to /dev/null, counted from the statistics: the
                          implementation's ceiling without a sink cost, no baseline)
  --format text|json      json_output false/true (default text)
  --buffered-outputs true|false
                          buffered_outputs for every channel (default: each channel's own)
  --output-template       alerts carry output_template (PROTOCOL.md section 2), which adapters
                          driving a real Falco (falco-replay) need for exact JSON output_fields
  --fields-bytes B        output_fields size per alert in bytes (default 120: 5 fields,
                          ~453 B input lines, ~170 B text output lines)
  --repeat R              rounds per channel (each: A, B with --vs, baseline); medians and
                          min-max reported (default 1)
  --timeout S             kill an implementation run after S seconds (default 300)
  --no-baseline           skip the baseline loops
  --json FILE             machine-readable results
  --markdown FILE         Markdown table
  --svg FILE              bar chart of throughput per channel (implementation, the --vs
                          one, baseline)
  --work-dir DIR          where runs happen (default: new directory under $TMPDIR or /tmp)
  --keep-work             keep the run directories (with each run's falco.yaml)
  --dump-alerts FILE      write the --alerts N generated alerts to FILE and exit (to profile
                          an implementation by hand on the very same input)
  --help

Exit status: 0 every alert arrived in every run; 1 an implementation or baseline run lost
alerts or failed; 2 usage or set-up error.
)";

namespace {

std::uint64_t parse_count(const std::string& what, const std::string& text, std::uint64_t min,
                          std::uint64_t max) {
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
        throw usage_error(what + ": expected an integer in [" + std::to_string(min) + ", " +
                          std::to_string(max) + "], got '" + text + "'");
    }
    return value;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        if (comma == std::string::npos) {
            comma = text.size();
        }
        if (comma > start) {
            out.push_back(text.substr(start, comma - start));
        }
        start = comma + 1;
    }
    return out;
}

// `value` when it is `a` or `b`.
std::string one_of(const std::string& option, const std::string& value, const char* a,
                   const char* b) {
    if (value != a && value != b) {
        throw usage_error(option + ": expected " + a + " or " + b + ", got '" + value + "'");
    }
    return value;
}

// The words of a command option (--impl, --vs), never empty.
std::vector<std::string> command_words(const std::string& option, const std::string& text) {
    std::vector<std::string> words = split_command(text);
    if (words.empty()) {
        throw usage_error(option + ": empty command");
    }
    return words;
}

}  // namespace

std::uint64_t bench_options::alerts_for(const std::string& channel) const {
    auto it = caps.find(channel);
    return it == caps.end() ? alerts : std::min(alerts, it->second);
}

std::vector<std::string> split_command(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quote) {
            if (c == quote) {
                quote = 0;
            } else if (c == '\\' && quote == '"' && i + 1 < text.size()) {
                word += text[++i];
            } else {
                word += c;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == '\\' && i + 1 < text.size()) {
            word += text[++i];
            in_word = true;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (in_word) {
                words.push_back(std::move(word));
            }
            word.clear();
            in_word = false;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (quote) {
        throw usage_error("unterminated quote in command '" + text + "'");
    }
    if (in_word) {
        words.push_back(std::move(word));
    }
    return words;
}

bench_options parse_options(const std::vector<std::string>& args) {
    bench_options o;
    bool channels_given = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string name = args[i];
        std::optional<std::string> inline_value;
        if (auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        auto value = [&]() -> std::string {
            if (inline_value) {
                return *inline_value;
            }
            if (i + 1 >= args.size()) {
                throw usage_error(name + ": missing value");
            }
            return args[++i];
        };
        if (name == "--impl") {
            o.impl_text = value();
            o.impl = command_words(name, o.impl_text);
        } else if (name == "--vs") {
            o.vs_impl_text = value();
            o.vs_impl = command_words(name, o.vs_impl_text);
        } else if (name == "--buffered-outputs") {
            o.buffered_outputs = one_of(name, value(), "true", "false") == "true";
        } else if (name == "--output-template") {
            o.output_templates = true;
        } else if (name == "--profile") {
            o.profile = one_of(name, value(), "0.44", "legacy");
        } else if (name == "--alerts") {
            o.alerts = parse_count("--alerts", value(), 1, 100000000);
        } else if (name == "--cap") {
            std::string v = value();
            auto eq = v.find('=');
            if (eq == std::string::npos) {
                throw usage_error("--cap: expected CHANNEL=N");
            }
            o.caps[v.substr(0, eq)] = parse_count("--cap", v.substr(eq + 1), 1, 100000000);
        } else if (name == "--channels") {
            o.channels = split_list(value());
            channels_given = true;
        } else if (name == "--format") {
            o.json_format = one_of(name, value(), "text", "json") == "json";
        } else if (name == "--fields-bytes") {
            o.fields_bytes = parse_count("--fields-bytes", value(), 16, 1 << 20);
        } else if (name == "--repeat") {
            o.repeat = unsigned(parse_count("--repeat", value(), 1, 100));
        } else if (name == "--timeout") {
            o.timeout_s = unsigned(parse_count("--timeout", value(), 1, 86400));
        } else if (name == "--no-baseline") {
            o.skip_baseline = true;
        } else if (name == "--json") {
            o.json_path = value();
        } else if (name == "--markdown") {
            o.markdown_path = value();
        } else if (name == "--svg") {
            o.svg_path = value();
        } else if (name == "--work-dir") {
            o.work_dir = value();
        } else if (name == "--dump-alerts") {
            o.dump_alerts_path = value();
        } else if (name == "--keep-work") {
            o.keep_work = true;
        } else {
            throw usage_error("unknown argument '" + args[i] + "'");
        }
    }
    if (o.impl.empty() && !o.dump_alerts_path) {
        throw usage_error("--impl is required");
    }
    if (channels_given && o.channels.empty()) {
        throw usage_error("--channels: empty list");
    }
    for (const auto& c : o.channels) {
        if (!find_channel(o.profile, c)) {
            throw usage_error("--channels: unknown channel '" + c + "'");
        }
    }
    return o;
}

}  // namespace falco_bench
