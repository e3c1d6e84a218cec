// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "falco_ref/channel.hpp"
#include "falco_ref/config.hpp"

namespace falco_ref {

class curl_easy_handle;

// A libcurl option could not be set. make_channels logs ERR "Failed to init output: <what>"
// and goes on without the http channel (falco@0.44.1:userspace/falco/falco_outputs.cpp:116-121).
class http_init_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// http_output: one POST per message with libcurl's easy API (docs/spec/common.md#66-http,
// docs/spec/0.44.md#10-http-output, docs/spec/legacy.md#10-http-output).
//
// 0.44: one handle built in the constructor and reused, so the connection persists; headers
// `Content-Type: application/json` (json_output) or `text/plain`, `User-Agent: <user_agent>`;
// TLS options (insecure, ca_cert > ca_bundle > ca_path, mtls); echo false discards the response,
// echo true leaves libcurl's default fwrite to C stdout; compress_uploads sets
// CURLOPT_TRANSFER_ENCODING, keep_alive CURLOPT_TCP_KEEPALIVE; perform is retried while it
// times out, at most max_consecutive_timeouts+1 attempts. Legacy (profile switches): a new
// handle per message, always application/json, no User-Agent, no TLS options (libcurl's
// defaults: verification against the system store), the response always echoed, one attempt.
// 0.35 (docs/spec/0.35.md#10-http-output): a new handle per message as legacy, with 0.44's
// headers and TLS options but no mtls, the response always echoed, the quoted url decoded for
// every message (a bad escape fails that message only), one attempt. 0.34
// (docs/spec/0.34.md#10-http-output): 0.35 without TLS options, with the url as written and the
// results of curl_easy_setopt ignored, as legacy.
//
// A failed request is a failed delivery that Falco logs itself rather than through the
// worker's "<name>: <what>" path (report::by_channel): ERR `libcurl failed to perform call:
// <curl_easy_strerror>` (0.44, outputs_http.cpp:125-129) or `libcurl error:
// <curl_easy_strerror>` (legacy, falco@0.15.3:userspace/falco/falco_outputs.cpp:289-293; 0.35,
// falco@0.35.1:userspace/falco/outputs_http.cpp:99-102). HTTP
// status codes are not checked: an answer of any status is a delivery.
//
// The body is the line up to its first NUL: Falco passes POSTFIELDSIZE -1 (strlen) in both
// versions, and a NUL can reach a text line (a `\u0000` in the alert's message).
class http_channel final : public channel {
public:
    // With a reused handle: throws http_init_error (option failure) and std::runtime_error for
    // a bad escape in a quoted URL (fatal in Falco: "Runtime error: <what>. Exiting.", exit 1).
    // With a handle per message nothing is set up here and nothing throws.
    explicit http_channel(const config& cfg);
    ~http_channel() override;

    std::string_view name() const override { return "http"; }
    channel_outcome deliver(const output_message& msg) override;
    channel_outcome close() override;  // curl_easy_cleanup (outputs_http.cpp:132-137)

    // The URL as Falco gives it to libcurl: a value starting and ending with `"` (or `'`) loses
    // the quotes and is unescaped as libsinsp's unescape_str does
    // (libs@0.25.4:userspace/libsinsp/filter/escaping.cpp:83-144). Throws std::runtime_error
    // `unsupported string escape sequence: \<c>` and the two wrong-quote messages.
    static std::string unquote_url(const std::string& url);

    // curl_global_init(CURL_GLOBAL_DEFAULT), once per process (falco_outputs.cpp:62-67).
    static void global_init();

private:
    // A handle with every option set; null when curl_easy_init fails. Throws http_init_error
    // when an option cannot be set, std::runtime_error for a bad escape in a quoted url.
    std::unique_ptr<curl_easy_handle> make_handle() const;
    channel_outcome perform(curl_easy_handle& handle, const std::string& body) const;

    const profile& prof_;
    http_output_config opts_;
    bool json_output_;
    std::unique_ptr<curl_easy_handle> handle_;  // 0.44 only: the reused handle
};

}  // namespace falco_ref
