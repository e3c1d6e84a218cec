// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/channels/make_channels.hpp"

#include "falco_ref/channels/file_channel.hpp"
#include "falco_ref/channels/http_channel.hpp"
#include "falco_ref/channels/program_channel.hpp"
#include "falco_ref/channels/stdout_channel.hpp"
#include "falco_ref/channels/syslog_channel.hpp"
#include "falco_ref/logger.hpp"

namespace falco_ref {

std::vector<std::unique_ptr<channel>> make_channels(const config& cfg) {
    std::vector<std::unique_ptr<channel>> channels;
    if (cfg.file_output.enabled) {
        channels.push_back(std::make_unique<file_channel>(cfg));
    }
    if (cfg.stdout_output.enabled) {
        channels.push_back(std::make_unique<stdout_channel>(cfg));
    }
    if (cfg.syslog_output.enabled) {
        channels.push_back(std::make_unique<syslog_channel>(cfg));
    }
    if (cfg.program_output.enabled) {
        channels.push_back(std::make_unique<program_channel>(cfg));
    }
    if (cfg.http_output.enabled) {
        http_channel::global_init();
        try {
            channels.push_back(std::make_unique<http_channel>(cfg));
        } catch (const http_init_error& e) {
            // falco@0.44.1:userspace/falco/falco_outputs.cpp:116-121: the output is dropped and
            // Falco goes on with the others.
            log(log_level::error, std::string("Failed to init output: ") + e.what());
        }
    }
    return channels;
}

}  // namespace falco_ref
