// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "falco_ref/priority.hpp"
#include "falco_ref/profile.hpp"

namespace falco_ref {

// Typed view of the output-related keys of falco.yaml (falco@0.44.1:userspace/falco/
// configuration.cpp:224-471; falco@0.15.3 configuration.cpp:61-185). The member
// initialisers are Falco's code defaults for an absent key, the same in both profiles, and the
// only place they are written: config_loader passes them as the defaults of its reads. Where
// a default differs per profile, the profile holds it (profile::buffered_outputs_default).

// `output_timeout` when falco.yaml does not set it (docs/spec/0.44.md#queue.timeout); also the
// default of outputs_settings.
inline constexpr std::uint32_t k_default_output_timeout_ms = 2000;

struct stdout_output_config {
    bool enabled = false;
};

struct file_output_config {
    bool enabled = false;
    bool keep_alive = false;  // true only if the YAML value is exactly the string "true"
    std::string filename;
};

struct syslog_output_config {
    bool enabled = false;
};

struct program_output_config {
    bool enabled = false;
    bool keep_alive = false;  // true only if the YAML value is exactly the string "true"
    std::string program;
};

struct http_output_config {
    bool enabled = false;
    std::string url;
    std::string user_agent = "falcosecurity/falco";
    bool insecure = false;
    std::string ca_cert;
    std::string ca_bundle;
    std::string ca_path = "/etc/ssl/certs";
    bool mtls = false;
    std::string client_cert = "/etc/ssl/certs/client.crt";
    std::string client_key = "/etc/ssl/certs/client.key";
    bool echo = false;
    bool compress_uploads = false;
    bool keep_alive = false;  // CURLOPT_TCP_KEEPALIVE, a YAML bool
    std::uint8_t max_consecutive_timeouts = 5;
};

enum class log_level { emergency, alert, critical, error, warning, notice, info, debug };

struct config {
    const profile* prof = &get_profile(profile_id::v0_44);
    std::string path;  // the -c path as given (used in error messages)

    bool json_output = false;
    bool json_include_output_property = true;
    bool json_include_tags_property = true;
    bool json_include_message_property = false;
    bool json_include_output_fields_property = true;
    bool time_format_iso_8601 = false;
    priority min_priority = priority::debug;
    bool buffered_outputs = false;  // after -U and the profile default are applied

    std::size_t outputs_queue_capacity = 0;  // 0 = unbounded
    std::uint32_t output_timeout_ms = k_default_output_timeout_ms;

    // legacy and 0.36 token bucket, uint32 keys (falco@0.15.3:userspace/falco/configuration.cpp:
    // 160-161, falco@0.36.2:userspace/falco/configuration.cpp:266-271); the rate's default is
    // the profile's (profile::outputs_rate_default).
    std::uint32_t outputs_rate = 1;
    std::uint32_t outputs_max_burst = 1000;

    bool log_stderr = false;
    bool log_syslog = true;
    log_level level = log_level::info;

    std::string hostname;            // FALCO_HOSTNAME or gethostname()
    bool hostname_from_env = false;  // FALCO_HOSTNAME was set (0.44 logs it at INFO)
    bool has_config_file = true;     // legacy: false = "no configuration file found" defaults

    file_output_config file_output;
    stdout_output_config stdout_output;
    syslog_output_config syslog_output;
    program_output_config program_output;
    http_output_config http_output;
};

}  // namespace falco_ref
