// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/config_loader.hpp"

#include <strings.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

#include "falco_ref/yaml_key_path.hpp"

namespace falco_ref {
namespace {

// yaml-cpp 0.8's bool conversion (yaml-cpp@c2bec4c7:src/convert.cpp:22-73,
// docs/spec/common.md#config.bool): y/yes/true/on and n/no/false/off, each in lower, UPPER or
// Capitalised case only. Written out rather than taken from the installed yaml-cpp 0.7 so the rule
// does not depend on its version.
std::optional<bool> parse_yaml_bool(const std::string& text) {
    const bool all_lower = std::all_of(text.begin(), text.end(),
                                       [](char c) { return !std::isupper((unsigned char)c); });
    const bool all_upper = std::all_of(text.begin(), text.end(),
                                       [](char c) { return !std::islower((unsigned char)c); });
    const bool capitalised = !text.empty() && std::isupper((unsigned char)text[0]) &&
                             std::all_of(text.begin() + 1, text.end(),
                                         [](char c) { return !std::isupper((unsigned char)c); });
    if (!all_lower && !all_upper && !capitalised) {
        return std::nullopt;
    }
    std::string lower;
    for (char c : text) {
        lower += static_cast<char>(std::tolower((unsigned char)c));
    }
    static const std::array<std::string_view, 4> k_true = {"y", "yes", "true", "on"};
    static const std::array<std::string_view, 4> k_false = {"n", "no", "false", "off"};
    for (std::size_t i = 0; i < k_true.size(); ++i) {
        if (lower == k_true[i]) {
            return true;
        }
        if (lower == k_false[i]) {
            return false;
        }
    }
    return std::nullopt;
}

bool file_is_readable(const std::string& path) {
    std::ifstream in(path);
    return in.is_open();
}

std::string describe(const YAML::Node& node) {
    if (node.IsNull()) {
        return "null";
    }
    if (node.IsScalar()) {
        return "\"" + node.Scalar() + "\"";
    }
    return node.IsMap() ? "a map" : "a sequence";
}

std::string hostname_or_throw(config& cfg) {
    // falco@0.44.1:userspace/falco/app/actions/init_outputs.cpp:37-52: set (even empty) wins;
    // before 0.44.0 FALCO_GRPC_HOSTNAME is read next (docs/spec/0.41-0.43.md#json.hostname).
    const char* env = std::getenv("FALCO_HOSTNAME");
    if (env == nullptr && !cfg.prof->hostname_fallback_env.empty()) {
        env = std::getenv(std::string(cfg.prof->hostname_fallback_env).c_str());
    }
    if (env != nullptr) {
        cfg.hostname_from_env = true;
        return env;
    }
    std::array<char, 256> buf{};
    if (::gethostname(buf.data(), buf.size() - 1) != 0) {
        // A failed action ("Error: ..."), in 0.33 too
        // (falco@0.33.1:userspace/falco/app_actions/init_outputs.cpp:37-42).
        throw config_error("Failed to get hostname", {}, config_error::origin::returned);
    }
    return buf.data();
}

// falco@0.44.1:userspace/engine/logger.cpp:52-72 (same words and message in 0.15.3).
constexpr std::array<std::string_view, 8> k_log_level_names = {
    "emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"};

std::string log_level_name(log_level level) {
    return std::string(k_log_level_names[static_cast<std::size_t>(level)]);
}

// Legacy JSON has no hostname; the variable is kept for completeness only.
std::string legacy_hostname() {
    const char* env = std::getenv("FALCO_HOSTNAME");
    return env ? env : "";
}

log_level parse_log_level_or_throw(const std::string& text) {
    for (std::size_t i = 0; i < k_log_level_names.size(); ++i) {
        if (text == k_log_level_names[i]) {
            return static_cast<log_level>(i);
        }
    }
    throw config_error("Unknown log level " + text);
}

// The `priority` default as the text Falco's code holds ("debug").
std::string lower_priority_name(priority p) {
    std::string name(priority_name(p));
    for (char& c : name) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return name;
}

const char* k_unknown_priority_tail =
    "\"--must be one of emergency, alert, critical, error, warning, notice, informational, debug";

// 0.44: get_scalar<T>(key, default) = node.as<T>(default): anything that does not convert is
// silently the default (docs/spec/0.44.md#config.types). We add one warning per such key, as
// that rule allows.
class lenient_reader {
public:
    lenient_reader(YAML::Node root, std::vector<std::string>& warnings)
        : root_(std::move(root)), warnings_(warnings) {}

    // Keys the reference has no use for are not read in these profiles: a wrong value there
    // changes nothing Falco 0.37+ does (it takes the default).
    void check_string(const std::string&) {}
    void check_bool(const std::string&) {}
    void check_unsigned(const std::string&) {}
    void check_sequence(const std::string&) {}

    bool get_bool(const std::string& key, bool def) {
        const YAML::Node node = find(key);
        if (!node.IsDefined()) {
            return def;
        }
        if (node.IsScalar()) {
            if (auto value = parse_yaml_bool(node.Scalar())) {
                return *value;
            }
        }
        fallback(key, node, def ? "true" : "false");
        return def;
    }

    std::string get_string(const std::string& key, const std::string& def) {
        const YAML::Node node = find(key);
        if (!node.IsDefined()) {
            return def;
        }
        if (node.IsNull()) {
            // yaml-cpp's as<std::string> reads a null as the text "null"
            // (yaml-cpp@c2bec4c7:include/yaml-cpp/node/impl.h:108-119;
            // docs/spec/0.44.md#config.null).
            warn(key, "is null; Falco reads it as the string \"null\"");
            return "null";
        }
        if (node.IsScalar()) {
            return node.Scalar();
        }
        fallback(key, node, "\"" + def + "\"");
        return def;
    }

    // file/program keep_alive: read as a string, on only when exactly "true"
    // (docs/spec/common.md#file.keep_alive.string, docs/spec/common.md#program.keep_alive.string).
    bool get_keep_alive(const std::string& key) {
        const std::string text = get_string(key, "");
        if (text == "true") {
            return true;
        }
        if (parse_yaml_bool(text).value_or(false)) {
            warn(key, "is \"" + text + "\"; Falco turns keep_alive on only for exactly \"true\"");
        }
        return false;
    }

    template <typename T>
    T get_unsigned(const std::string& key, T def) {
        const YAML::Node node = find(key);
        if (!node.IsDefined()) {
            return def;
        }
        if (node.IsScalar()) {
            if (auto value = to_unsigned<T>(node)) {
                return *value;
            }
        }
        fallback(key, node, std::to_string(def));
        return def;
    }

private:
    YAML::Node find(const std::string& key) {
        try {
            return yaml_key_path::resolve(root_, key, false);
        } catch (const std::exception& e) {
            throw config_error(e.what());
        }
    }

    template <typename T>
    static std::optional<T> to_unsigned(const YAML::Node& node) {
        if constexpr (sizeof(T) == 1) {
            // uint8 keys: a value outside 0..255 does not convert (docs/spec/0.44.md#http.options,
            // docs/spec/0.44.md#config.types).
            try {
                const long long v = node.as<long long>();
                if (v >= 0 && v <= 255) {
                    return static_cast<T>(v);
                }
            } catch (const YAML::Exception&) {
            }
            return std::nullopt;
        } else {
            if (!node.Scalar().empty() && node.Scalar()[0] == '-') {
                return std::nullopt;  // yaml-cpp refuses negative text for unsigned types
            }
            try {
                return node.as<T>();
            } catch (const YAML::Exception&) {
                return std::nullopt;
            }
        }
    }

    void fallback(const std::string& key, const YAML::Node& node, const std::string& def) {
        warn(key,
             "is " + describe(node) + ", which does not convert; Falco uses the default " + def);
    }

    void warn(const std::string& key, const std::string& what) {
        warnings_.push_back("config key \"" + key + "\" " + what);
    }

    YAML::Node root_;
    std::vector<std::string>& warnings_;
};

// Falco 0.36's get_scalar<T>(key, default) (falco@0.36.2:userspace/falco/yaml_helper.h:69-115,
// docs/spec/0.36.md#config.types, docs/spec/0.36.md#config.env.expand), and 0.35's without the
// `${NAME}` and `$$` handling (docs/spec/0.35.md#config.types): an absent key is the
// default; any other node is first read as a string, which a null, a map or a sequence is not
// (yaml-cpp's `bad conversion` with the node's position, none for a node -o created); a whole
// `${NAME}` or a `$$` escape is then converted by one stream read (the default when that gives
// nothing); anything else converts as yaml-cpp converts it, or ends the run the same way.
class read_time_reader {
public:
    // `expander` is null for a Falco that expands nothing (0.35: node.as<T>() only,
    // docs/spec/0.35.md#config.env.expand, falco@0.35.1:userspace/falco/yaml_helper.h:68-79).
    read_time_reader(YAML::Node root, const env_expander* expander,
                     yaml_key_path::dialect key_rules)
        : root_(std::move(root)), expander_(expander), key_rules_(key_rules) {}

    bool get_bool(const std::string& key, bool def) {
        return get<bool>(key, def,
                         [](const YAML::Node& node) { return parse_yaml_bool(node.Scalar()); });
    }

    std::string get_string(const std::string& key, const std::string& def) {
        return get<std::string>(key, def, [](const YAML::Node& node) {
            return std::optional<std::string>(node.Scalar());
        });
    }

    bool get_keep_alive(const std::string& key) { return get_string(key, "") == "true"; }

    template <typename T>
    T get_unsigned(const std::string& key, T def) {
        return get<T>(key, def, [](const YAML::Node& node) -> std::optional<T> {
            // yaml-cpp 0.6.2's stream conversion (yaml-cpp@yaml-cpp-0.6.2:include/yaml-cpp/node/
            // convert.h:90-125): decimal, 0x hexadecimal or 0 octal, nothing after the number
            // but blanks; a minus sign is accepted for an unsigned type and wraps (`-1` is the
            // type's maximum), the check against it came with yaml-cpp 0.7.0.
            std::stringstream in(node.Scalar());
            in.unsetf(std::ios::dec);
            T value{};
            if ((in >> std::noskipws >> value) && (in >> std::ws).eof()) {
                return value;
            }
            return std::nullopt;
        });
    }

    // Keys Falco reads for values outside the output path: their type is still checked.
    void check_string(const std::string& key) { get_string(key, ""); }
    void check_bool(const std::string& key) { get_bool(key, false); }
    void check_unsigned(const std::string& key) { get_unsigned<std::uint32_t>(key, 0); }

    // get_sequence<std::list<std::string>> (yaml_helper.h:132-137,220-236): a sequence's items,
    // or a scalar, are read as strings; anything else is skipped.
    void check_sequence(const std::string& key) {
        const YAML::Node node = find(key);
        if (node.IsSequence()) {
            for (const YAML::Node& item : node) {
                as_string(item);
            }
        } else if (node.IsScalar()) {
            as_string(node);
        }
    }

private:
    // `convert` gets a scalar node and returns nullopt when its text does not convert.
    template <typename T, typename Convert>
    T get(const std::string& key, const T& def, Convert convert) {
        const YAML::Node node = find(key);
        if (!node.IsDefined()) {
            return def;
        }
        const std::string text = as_string(node);
        const env_expander::read_value value =
            expander_ ? expander_->expand_whole_value(text) : env_expander::read_value{};
        switch (value.what) {
            case env_expander::read_value::kind::unset:
                return def;
            case env_expander::read_value::kind::streamed: {
                std::stringstream in(value.text);
                T result{};
                return (in >> result) ? result : def;
            }
            case env_expander::read_value::kind::as_written:
                break;
        }
        if (auto converted = convert(node)) {
            return *converted;
        }
        throw bad_conversion(node);
    }

    YAML::Node find(const std::string& key) {
        try {
            return yaml_key_path::resolve(root_, key, false, key_rules_);
        } catch (const std::exception& e) {
            throw config_error(e.what());
        }
    }

    // node.as<std::string>() of yaml-cpp 0.6.2: a scalar's text, else bad conversion
    // (yaml-cpp@yaml-cpp-0.6.2:include/yaml-cpp/node/impl.h:129-139).
    static std::string as_string(const YAML::Node& node) {
        if (!node.IsScalar()) {
            throw bad_conversion(node);
        }
        return node.Scalar();
    }

    // `yaml-cpp: error at line L, column C: bad conversion`, or `bad conversion` for a node
    // without a position (yaml-cpp@yaml-cpp-0.6.2:include/yaml-cpp/exceptions.h:131-140).
    static config_error bad_conversion(const YAML::Node& node) {
        return config_error(YAML::BadConversion(node.Mark()).what());
    }

    YAML::Node root_;
    const env_expander* expander_;
    yaml_key_path::dialect key_rules_;
};

// The message of a yaml-cpp exception as yaml-cpp 0.6.2, Falco 0.15.3's, words it: its
// BadSubscript carries neither a position nor the key (yaml-cpp@yaml-cpp-0.6.2:include/
// yaml-cpp/exceptions.h:225-228), which later versions add, so its text is the bare message
// (yaml-cpp@yaml-cpp-0.6.2:include/yaml-cpp/exceptions.h:84).
std::string legacy_yaml_message(const YAML::Exception& e) {
    if (dynamic_cast<const YAML::BadSubscript*>(&e) != nullptr) {
        return "operator[] call on a scalar";
    }
    return e.what();
}

// legacy: node.as<T>() throws; Falco prints "Cannot read config file (<conf>): wrong type at
// key <top-level key>" and the yaml-cpp exception ends the run
// (falco@0.15.3:userspace/falco/configuration.h:64-120; docs/spec/legacy.md#config.types). Keys are
// "key" or "key.subkey", the only two levels 0.15.3 reads; the methods are lenient_reader's.
class strict_reader {
public:
    strict_reader(YAML::Node root, std::string path) : root_(std::move(root)), path_(path) {}

    bool get_bool(const std::string& key, bool def) {
        const YAML::Node node = find(key);
        if (!node.IsDefined()) {
            return def;
        }
        if (node.IsScalar()) {
            if (auto value = parse_yaml_bool(node.Scalar())) {
                return *value;
            }
        }
        throw wrong_type(key, node);
    }

    std::string get_string(const std::string& key, const std::string& def) {
        const YAML::Node node = find(key);
        if (!node.IsDefined()) {
            return def;
        }
        // A null is no scalar: yaml-cpp 0.6.2's as<std::string>() throws on it
        // (yaml-cpp@yaml-cpp-0.6.2:include/yaml-cpp/node/impl.h:128-137).
        if (node.IsScalar()) {
            return node.Scalar();
        }
        throw wrong_type(key, node);
    }

    // file/program keep_alive: the string, on only when exactly "true".
    bool get_keep_alive(const std::string& key) { return get_string(key, "") == "true"; }

    template <typename T>
    T get_unsigned(const std::string& key, T def) {
        const YAML::Node node = find(key);
        if (!node.IsDefined()) {
            return def;
        }
        if (node.IsScalar() && !node.Scalar().empty() && node.Scalar()[0] != '-') {
            try {
                return node.as<T>();
            } catch (const YAML::Exception&) {
            }
        }
        throw wrong_type(key, node);
    }

private:
    YAML::Node find(const std::string& key) {
        const std::size_t dot = key.find('.');
        try {
            // Non-const access as in 0.15.3 (a const chain throws on a missing first level);
            // a missing key is not inserted until assigned.
            return dot == std::string::npos ? root_[key]
                                            : root_[key.substr(0, dot)][key.substr(dot + 1)];
        } catch (const YAML::Exception& e) {
            throw config_error(legacy_yaml_message(e));
        }
    }

    config_error wrong_type(const std::string& key, const YAML::Node& node) const {
        return config_error(YAML::BadConversion(node.Mark()).what(),
                            "Cannot read config file (" + path_ + "): wrong type at key " +
                                key.substr(0, key.find('.')) + "\n");
    }

    YAML::Node root_;
    std::string path_;
};

// `-o key=value`, split at the first '=' in both versions (falco@0.44.1 and
// falco@0.15.3 userspace/falco/configuration.cpp `split`); no '=' is Falco's error.
std::pair<std::string, std::string> split_option(const std::string& opt) {
    const std::size_t eq = opt.find('=');
    if (eq == std::string::npos) {
        throw config_error("Error parsing config option \"" + opt +
                           "\". Must be of the form key=val or key.subkey=val");
    }
    return {opt.substr(0, eq), opt.substr(eq + 1)};
}

// How the profile's Falco walks a key, for -o and for reads.
yaml_key_path::dialect key_dialect(const profile& prof) {
    yaml_key_path::dialect rules;
    rules.escapes = prof.o_key_escapes;
    rules.index_by_stoi = !prof.o_key_appends;
    rules.subscript_error_has_position = prof.subscript_error_has_position;
    return rules;
}

void apply_option(YAML::Node& root, const std::string& opt, const profile& prof) {
    // falco@0.44.1:userspace/falco/configuration.cpp:748-790.
    const auto [key, value] = split_option(opt);
    try {
        YAML::Node target = yaml_key_path::resolve(root, key, true, key_dialect(prof));
        if (prof.o_value_flow_map && value.size() >= 1 && value.front() == '{' &&
            value.back() == '}') {
            target = YAML::Load(value);  // a flow map
        } else {
            target = value;  // anything else is a string scalar, `[a,b]` included
        }
    } catch (const std::exception& e) {
        throw config_error(e.what());
    }
}

// The options of the command line as Falco's option parser hands them over: each `-o` argument
// whole, or, in 0.38, split at every comma the way cxxopts 3.0.0 splits a vector value with
// std::getline: an empty argument is one empty option, an empty piece before or between commas
// is an empty option, and a trailing comma adds nothing (docs/spec/0.38.md#config.o.split,
// cxxopts@v3.0.0:include/cxxopts.hpp:980-995).
std::vector<std::string> command_line_options(const std::vector<std::string>& arguments,
                                              const profile& prof) {
    if (!prof.o_splits_at_commas) {
        return arguments;
    }
    std::vector<std::string> options;
    for (const std::string& argument : arguments) {
        std::size_t start = 0;
        do {
            const std::size_t comma = argument.find(',', start);
            options.push_back(argument.substr(start, comma - start));
            start = comma == std::string::npos ? comma : comma + 1;
        } while (start < argument.size());
    }
    return options;
}

void apply_option_legacy(YAML::Node& root, const std::string& opt) {
    // falco@0.15.3:userspace/falco/configuration.cpp:303-325: `key=val` or `key.subkey=val`,
    // split at the first '=' then the first '.'; the value is always a string.
    const auto [key, value] = split_option(opt);
    const std::size_t dot = key.find('.');
    try {
        if (dot == std::string::npos) {
            root[key] = value;
        } else {
            root[key.substr(0, dot)][key.substr(dot + 1)] = value;
        }
    } catch (const YAML::Exception& e) {
        // e.g. a scalar document: BadSubscript reaches falco.cpp's handler
        // (docs/spec/legacy.md#config.o.path.scalar).
        throw config_error(legacy_yaml_message(e));
    }
}

bool any_output_enabled(const config& cfg) {
    return cfg.file_output.enabled || cfg.stdout_output.enabled || cfg.syslog_output.enabled ||
           cfg.program_output.enabled || cfg.http_output.enabled;
}

std::string reading_error(const std::string& path, const std::string& what) {
    return "Error reading config file (" + path + "): " + what;
}

// legacy and 0.33: no channel enabled, checked right after the output blocks are read
// (falco@0.15.3:userspace/falco/configuration.cpp:151-154,
// falco@0.33.1:userspace/falco/configuration.cpp:196-199), words and concatenation bug the same
// (docs/spec/legacy.md#error.config.no_output, docs/spec/0.33.md#error.config.no_output).
void require_output_while_reading(const config& cfg) {
    if (!any_output_enabled(cfg)) {
        throw config_error(reading_error(
            cfg.path,
            "No outputs configured. Please configure at least one output file output enabled but "
            "no filename in configuration block"));
    }
}

// An enabled channel without its one required option, in both Falcos' words
// (falco@0.44.1:userspace/falco/configuration.cpp:339-342,368-371,387-390;
// falco@0.15.3:userspace/falco/configuration.cpp:91-94,123-126,142-145).
const std::string& require_option(const config& cfg, std::string_view channel,
                                  std::string_view option, const std::string& value) {
    if (value.empty()) {
        throw config_error(
            reading_error(cfg.path, std::string(channel) + " output enabled but no " +
                                        std::string(option) + " in configuration block"));
    }
    return value;
}

// One function per channel, shared by the profiles: the keys, their order and their defaults
// (the member initialisers of config.hpp) are the same in both Falcos
// (falco@0.44.1:userspace/falco/configuration.cpp:333-447; falco@0.15.3 configuration.cpp:
// 85-149); the reader decides what a wrong value does.
// file and program: enabled, the one required option, keep_alive (read as a string: on only
// when exactly "true", configuration.cpp:345-346,375-376).
template <typename Reader>
void read_option_and_keep_alive(Reader& in, const config& cfg, const std::string& channel,
                                const std::string& option, bool& enabled, std::string& value,
                                bool& keep_alive) {
    const std::string block = channel + "_output.";
    if ((enabled = in.get_bool(block + "enabled", enabled))) {
        value = require_option(cfg, channel, option, in.get_string(block + option, value));
        keep_alive = in.get_keep_alive(block + "keep_alive");
    }
}

template <typename Reader>
void read_file_output(Reader& in, config& cfg) {
    file_output_config& out = cfg.file_output;
    read_option_and_keep_alive(in, cfg, "file", "filename", out.enabled, out.filename,
                               out.keep_alive);
}

template <typename Reader>
void read_stdout_output(Reader& in, config& cfg) {
    cfg.stdout_output.enabled = in.get_bool("stdout_output.enabled", cfg.stdout_output.enabled);
}

template <typename Reader>
void read_syslog_output(Reader& in, config& cfg) {
    cfg.syslog_output.enabled = in.get_bool("syslog_output.enabled", cfg.syslog_output.enabled);
}

template <typename Reader>
void read_program_output(Reader& in, config& cfg) {
    program_output_config& out = cfg.program_output;
    read_option_and_keep_alive(in, cfg, "program", "program", out.enabled, out.program,
                               out.keep_alive);
}

template <typename Reader>
void read_http_output(Reader& in, config& cfg) {
    http_output_config& h = cfg.http_output;
    if (!(h.enabled = in.get_bool("http_output.enabled", h.enabled))) {
        return;
    }
    h.url = require_option(cfg, "http", "url", in.get_string("http_output.url", h.url));
    if (cfg.prof->http_sends_user_agent) {
        h.user_agent = in.get_string("http_output.user_agent", h.user_agent);
    }
    if (!cfg.prof->http_has_tls_options) {
        // 0.15.3 reads the url only, 0.34 the url and the user agent
        // (falco@0.34.1:userspace/falco/configuration.cpp:163-181).
        return;
    }
    const bool echo_and_mtls = cfg.prof->http_has_echo_and_mtls;  // read since 0.36.0
    h.insecure = in.get_bool("http_output.insecure", h.insecure);
    if (echo_and_mtls) {
        h.echo = in.get_bool("http_output.echo", h.echo);
    }
    h.ca_cert = in.get_string("http_output.ca_cert", h.ca_cert);
    h.ca_bundle = in.get_string("http_output.ca_bundle", h.ca_bundle);
    h.ca_path = in.get_string("http_output.ca_path", h.ca_path);
    if (echo_and_mtls) {
        h.mtls = in.get_bool("http_output.mtls", h.mtls);
        h.client_cert = in.get_string("http_output.client_cert", h.client_cert);
        h.client_key = in.get_string("http_output.client_key", h.client_key);
    }
    if (cfg.prof->http_has_compress_and_keep_alive) {
        // Read since 0.37.0 (docs/spec/0.36.md#http.options).
        h.compress_uploads = in.get_bool("http_output.compress_uploads", h.compress_uploads);
        h.keep_alive = in.get_bool("http_output.keep_alive", h.keep_alive);
    }
    if (cfg.prof->http_retries_timeouts) {
        // Read since 0.41.0 (falco@0.43.1:userspace/falco/configuration.cpp:473-476).
        h.max_consecutive_timeouts =
            in.get_unsigned("http_output.max_consecutive_timeouts", h.max_consecutive_timeouts);
    }
}

// The channels in the order both Falcos read them.
template <typename Reader>
void read_outputs(Reader& in, config& cfg) {
    read_file_output(in, cfg);
    read_stdout_output(in, cfg);
    read_syslog_output(in, cfg);
    read_program_output(in, cfg);
    read_http_output(in, cfg);
}

// log_stderr and log_syslog, each given to Falco's logger as soon as it is read
// (falco@0.33.1:userspace/falco/configuration.cpp:225-226,
// falco@0.15.3:userspace/falco/configuration.cpp:179-180).
template <typename Reader>
void read_log_sinks(Reader& in, config& cfg, logger_settings& falco_logger) {
    falco_logger.to_stderr = cfg.log_stderr = in.get_bool("log_stderr", cfg.log_stderr);
    falco_logger.to_syslog = cfg.log_syslog = in.get_bool("log_syslog", cfg.log_syslog);
}

// log_level and the logger's keys (falco@0.44.1:userspace/falco/configuration.cpp:224-233;
// falco@0.36.2:userspace/falco/configuration.cpp:251-261, where libs_logger comes between;
// falco@0.35.1:userspace/falco/configuration.cpp:232-240, where log_stderr and log_syslog come
// last of all, read_keys).
template <typename Reader>
void read_log_keys(Reader& in, config& cfg, logger_settings& falco_logger) {
    cfg.level = parse_log_level_or_throw(in.get_string("log_level", log_level_name(cfg.level)));
    falco_logger.level = cfg.level;  // falco@0.33.1:userspace/falco/configuration.cpp:201-203
    in.check_bool("libs_logger.enabled");
    in.check_string("libs_logger.severity");
    if (!cfg.prof->log_sinks_read_last) {
        read_log_sinks(in, cfg, falco_logger);
    }
}

// The gRPC keys 0.36 reads between the outputs and log_level
// (falco@0.36.2:userspace/falco/configuration.cpp:231-249).
template <typename Reader>
void check_grpc_keys(Reader& in) {
    in.check_bool("grpc.enabled");
    in.check_string("grpc.bind_address");
    in.check_unsigned("grpc.threadiness");
    in.check_string("grpc.private_key");
    in.check_string("grpc.cert_chain");
    in.check_string("grpc.root_certs");
    in.check_bool("grpc_output.enabled");
}

// Every key the profile's Falco reads up to time_format_iso_8601, in its order, so the first
// error is Falco's first error (falco@0.44.1:userspace/falco/configuration.cpp:224-233 then
// :324-471; falco@0.36.2:userspace/falco/configuration.cpp:105-293,
// docs/spec/0.36.md#error.config.order).
template <typename Reader>
void read_keys(Reader& in, config& cfg, logger_settings& falco_logger) {
    const profile& prof = *cfg.prof;
    if (prof.engine_kind_read_first) {
        // Not kept: the contract has no driver
        // (falco@0.37.1:userspace/falco/configuration.cpp:115).
        in.get_string("engine.kind", "kmod");
    }
    in.check_sequence("rules_file");
    if (!prof.log_level_after_outputs) {
        read_log_keys(in, cfg, falco_logger);
    }
    cfg.json_output = in.get_bool("json_output", cfg.json_output);
    cfg.json_include_output_property =
        in.get_bool("json_include_output_property", cfg.json_include_output_property);
    cfg.json_include_tags_property =
        in.get_bool("json_include_tags_property", cfg.json_include_tags_property);
    if (prof.has_message_option) {
        cfg.json_include_message_property =
            in.get_bool("json_include_message_property", cfg.json_include_message_property);
    }
    if (prof.has_output_fields_option) {
        cfg.json_include_output_fields_property = in.get_bool(
            "json_include_output_fields_property", cfg.json_include_output_fields_property);
    }

    read_outputs(in, cfg);

    if (prof.log_level_after_outputs) {
        check_grpc_keys(in);
    }
    if (prof.no_output_checked_while_reading) {
        // 0.33: after the gRPC keys, before log_level
        // (falco@0.33.1:userspace/falco/configuration.cpp:176-203).
        require_output_while_reading(cfg);
    }
    if (prof.log_level_after_outputs) {
        read_log_keys(in, cfg, falco_logger);
    }
    cfg.output_timeout_ms = in.get_unsigned("output_timeout", cfg.output_timeout_ms);
    if (prof.has_rate_limiter) {
        cfg.outputs_rate = in.get_unsigned("outputs.rate", prof.outputs_rate_default);
        cfg.outputs_max_burst = in.get_unsigned("outputs.max_burst", cfg.outputs_max_burst);
    }

    if (prof.has_rule_matching) {
        // Not kept: the contract has no rules, but a wrong value is still Falco's error.
        const std::string rule_matching = in.get_string("rule_matching", "first");
        if (strcasecmp(rule_matching.c_str(), "first") != 0 &&
            strcasecmp(rule_matching.c_str(), "all") != 0) {
            throw config_error("Unknown rule matching strategy \"" + rule_matching +
                               "\"--must be one of first, all");
        }
    }
    const std::string prio = in.get_string("priority", lower_priority_name(cfg.min_priority));
    const auto min_priority = parse_priority(prio);
    if (!min_priority) {
        throw config_error("Unknown priority \"" + prio + k_unknown_priority_tail);
    }
    cfg.min_priority = *min_priority;

    cfg.buffered_outputs = in.get_bool("buffered_outputs", prof.buffered_outputs_default);
    if (prof.has_queue_capacity_option) {
        // 0 and absent both mean unbounded (configuration.cpp:465-471).
        cfg.outputs_queue_capacity =
            in.get_unsigned("outputs_queue.capacity", cfg.outputs_queue_capacity);
    }
    cfg.time_format_iso_8601 = in.get_bool("time_format_iso_8601", cfg.time_format_iso_8601);
    if (prof.log_sinks_read_last) {
        read_log_sinks(in, cfg, falco_logger);
    }
}

// Falco 0.41+'s first lookup is `config_files`
// (falco@0.44.1:userspace/falco/configuration.cpp:141-173: -o config_files=..., then
// merge_config_files), so e.g. a scalar document fails at that key; 0.38 to 0.40 apply every -o
// first (docs/spec/0.39-0.40.md#error.config.scalar_document). Merging further files is not
// implemented: we warn and ignore them.
void apply_options_around_config_files(YAML::Node& root, const std::vector<std::string>& options,
                                       const profile& prof, std::vector<std::string>& warnings) {
    for (const std::string& opt : options) {
        if (prof.o_before_config_files || opt.rfind("config_files", 0) == 0) {
            apply_option(root, opt, prof);
        }
    }
    try {
        const YAML::Node extra = yaml_key_path::resolve(root, "config_files", false);
        if (extra.IsDefined() && !extra.IsNull() && extra.size() + (extra.IsScalar() ? 1 : 0) > 0) {
            warnings.push_back(
                "config key \"config_files\" is not supported by the reference; the files it "
                "names are ignored");
        }
    } catch (const std::exception& e) {
        throw config_error(e.what());
    }
    for (const std::string& opt : options) {
        if (!prof.o_before_config_files) {
            apply_option(root, opt, prof);
        }
    }
}

// The -c file, which must be readable ("Could not find configuration file at <path>" in both
// profiles), else the default path if it is readable, else nothing: what then happens differs
// per profile.
std::optional<std::string> find_config_file(const config_request& request) {
    if (request.config_path) {
        require_config_file(*request.config_path);
        return *request.config_path;
    }
    if (file_is_readable(request.default_config_path)) {
        return request.default_config_path;
    }
    return std::nullopt;
}

// The keys 0.15.3 reads after `log_level`, in its order (configuration.cpp:160-180).
void read_legacy_after_log_level(strict_reader& in, config& cfg, const config_request& request,
                                 logger_settings& falco_logger) {
    cfg.outputs_rate = in.get_unsigned("outputs.rate", cfg.prof->outputs_rate_default);
    cfg.outputs_max_burst = in.get_unsigned("outputs.max_burst", cfg.outputs_max_burst);

    // configuration.cpp:163-174: a full name, case-insensitive; "info" is rejected.
    const std::string prio = in.get_string("priority", lower_priority_name(cfg.min_priority));
    std::optional<priority> min_priority;
    for (int i = 0; i <= static_cast<int>(priority::debug); ++i) {
        const std::string name(priority_name(static_cast<priority>(i)));
        if (strcasecmp(name.c_str(), prio.c_str()) == 0) {
            min_priority = static_cast<priority>(i);
            break;
        }
    }
    if (!min_priority) {
        throw config_error("Unknown priority \"" + prio + k_unknown_priority_tail);
    }
    cfg.min_priority = *min_priority;

    cfg.buffered_outputs = in.get_bool("buffered_outputs", cfg.prof->buffered_outputs_default);
    cfg.time_format_iso_8601 = in.get_bool("time_format_iso_8601", cfg.time_format_iso_8601);
    read_log_sinks(in, cfg, falco_logger);
    // falco.cpp:748-751: -U forces unbuffered.
    if (request.unbuffered) {
        cfg.buffered_outputs = false;
    }
}

}  // namespace

void require_config_file(const std::string& path) {
    if (!file_is_readable(path)) {
        throw config_error("Could not find configuration file at " + path);
    }
}

void require_enabled_output(const config& cfg) {
    // falco@0.44.1:userspace/falco/app/actions/init_outputs.cpp:31-35 (the same words since
    // falco@0.34.1:userspace/falco/app_actions/init_outputs.cpp:26-29). Falco checks rules first;
    // the contract has no rules files.
    if (!cfg.prof->no_output_checked_while_reading && !any_output_enabled(cfg)) {
        throw config_error(
            "No output configured, please make sure at least one output is configured and "
            "enabled.");
    }
}

config_load_result config_loader::load(const config_request& request) const {
    logger_settings falco_logger = k_logger_before_config;
    try {
        return request.profile == profile_id::legacy ? load_legacy(request, falco_logger)
                                                     : load_nlohmann_era(request, falco_logger);
    } catch (config_error& e) {
        e.raised_with_logger(falco_logger);
        throw;
    }
}

config_load_result config_loader::load_nlohmann_era(const config_request& request,
                                                    logger_settings& falco_logger) const {
    config_load_result result;
    config& cfg = result.cfg;
    cfg.prof = &get_profile(request.profile);
    const profile& prof = *cfg.prof;

    // falco@0.44.1:userspace/falco/app/options.cpp:72-90 and app/actions/load_config.cpp:81-91.
    if (const auto path = find_config_file(request)) {
        cfg.path = *path;
    } else {
        // A failed action, "Error: ..." in 0.33 too (falco@0.33.1:userspace/falco/app_actions/
        // load_config.cpp:36-42).
        throw config_error(
            "You must create a config file at " + request.default_config_path + " or by passing -c",
            {}, config_error::origin::returned);
    }

    YAML::Node root;
    try {
        root = YAML::LoadFile(cfg.path);
    } catch (const std::exception& e) {
        // configuration.cpp:131-136: the message, then `throw e;` rethrows a sliced
        // std::exception, so the final line is "Error: std::exception"
        // (docs/spec/0.44.md#error.config.yaml); 0.33's is "Runtime error: std::exception.
        // Exiting." (falco@0.33.1:userspace/falco/configuration.cpp:78-84).
        throw config_error("std::exception",
                           "Cannot read config file (" + cfg.path + "): " + e.what() + "\n");
    }
    if (prof.env_in_config == profile::env_expansion::file_scalars_at_load) {
        // File values only, never -o values (docs/spec/0.44.md#config.env.scope).
        expander_.expand_tree(root);
    }
    const std::vector<std::string> options = command_line_options(request.options, prof);
    if (prof.has_config_files) {
        apply_options_around_config_files(root, options, prof, result.warnings);
    } else {
        // 0.36: every -o, then the keys (falco@0.36.2:userspace/falco/configuration.cpp:88-103).
        for (const std::string& opt : options) {
            apply_option(root, opt, prof);
        }
    }

    if (prof.config_type_errors_fatal) {
        const bool expands = prof.env_in_config == profile::env_expansion::whole_value_at_read;
        read_time_reader in(root, expands ? &expander_ : nullptr, key_dialect(prof));
        read_keys(in, cfg, falco_logger);
    } else {
        lenient_reader in(root, result.warnings);
        read_keys(in, cfg, falco_logger);
    }

    // load_config.cpp:73-76: -U wins over the YAML value; before 0.44.0 the YAML value is
    // overwritten, so outputs are buffered unless -U (falco@0.43.1:userspace/falco/app/actions/
    // load_config.cpp:73).
    if (!prof.buffered_outputs_yaml_honoured) {
        cfg.buffered_outputs = true;
    }
    if (request.unbuffered) {
        cfg.buffered_outputs = false;
    }
    // 0.34+: whether a channel is enabled is checked when the outputs are set up
    // (require_enabled_output), which Falco 0.34's -d does in the daemon child.
    cfg.hostname = hostname_or_throw(cfg);
    return result;
}

config_load_result config_loader::load_legacy(const config_request& request,
                                              logger_settings& falco_logger) const {
    config_load_result result;
    config& cfg = result.cfg;
    cfg.prof = &get_profile(profile_id::legacy);
    // Fields the legacy profile does not have keep harmless values: no queue bound, no
    // watchdog use (has_outputs_queue is false), http TLS options unused.
    cfg.output_timeout_ms = 0;

    // falco@0.15.3:userspace/falco/falco.cpp:681-706: -c must open; without -c the default
    // path is tried, and with none Falco runs on defaults with stdout only
    // (configuration.cpp:52-59).
    if (const auto path = find_config_file(request)) {
        cfg.path = *path;
    } else {
        cfg.has_config_file = false;
        cfg.path.clear();
        cfg.stdout_output.enabled = true;
        // Nothing sets the logger, so its static defaults stay: stderr and syslog on
        // (falco@0.15.3:userspace/falco/logger.cpp:99-100); log_syslog is on by default already.
        cfg.log_stderr = true;
        // docs/spec/legacy.md#config.buffered.default: buffered_outputs is true when the key is
        // absent.
        cfg.buffered_outputs = request.unbuffered ? false : cfg.prof->buffered_outputs_default;
        if (!request.options.empty()) {
            // Falco 0.15.3 applies -o to a config that does not exist (a null pointer); we
            // ignore them instead of crashing.
            result.warnings.push_back(
                "no configuration file: -o options are ignored (Falco 0.15.3 would crash)");
        }
        cfg.hostname = legacy_hostname();
        return result;
    }

    // falco@0.15.3:userspace/falco/configuration.h:44-57 prints a line of its own for exactly
    // two yaml-cpp exceptions, then rethrows; anything else (e.g. the std::ios_failure of
    // reading a directory given as -c) reaches falco.cpp:1146-1148 with no line before the
    // "Runtime error" (docs/RELIABILITY.md finding 6).
    YAML::Node root;
    try {
        root = YAML::LoadFile(cfg.path);
    } catch (const YAML::BadFile& e) {
        throw config_error(e.what(), reading_error(cfg.path, e.what()) + "\n");
    } catch (const YAML::ParserException& e) {
        throw config_error(e.what(),
                           "Cannot read config file (" + cfg.path + "): " + e.what() + "\n");
    } catch (const std::exception& e) {
        throw config_error(e.what());
    }
    for (const std::string& opt : request.options) {
        apply_option_legacy(root, opt);
    }

    // Read in 0.15.3's order (configuration.cpp:61-185).
    strict_reader in(root, cfg.path);
    cfg.json_output = in.get_bool("json_output", cfg.json_output);
    cfg.json_include_output_property =
        in.get_bool("json_include_output_property", cfg.json_include_output_property);
    read_outputs(in, cfg);
    require_output_while_reading(cfg);
    cfg.level = parse_log_level_or_throw(in.get_string("log_level", log_level_name(cfg.level)));
    // configuration.cpp:156-158 set the logger's level before the next keys are read
    // (docs/spec/legacy.md#error.format).
    falco_logger.level = cfg.level;
    read_legacy_after_log_level(in, cfg, request, falco_logger);
    cfg.hostname = legacy_hostname();
    return result;
}

}  // namespace falco_ref
