// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/channels/http_channel.hpp"

#include <cstring>
#include <mutex>

#include "curl_easy_handle.hpp"
#include "falco_ref/logger.hpp"

namespace falco_ref {
namespace {

// echo false: the response body is read and thrown away (outputs_http.cpp:27-33,93-96).
size_t discard_body(void* /*data*/, size_t size, size_t nmemb, void* /*user*/) {
    return size * nmemb;
}

// Falco's CHECK_RES: keep the first real error, run later options only while all is well;
// CURLE_NOT_BUILT_IN is tolerated (falco@0.44.1:userspace/falco/outputs_http.cpp:21-25).
// Unchecked (legacy, 0.34): every option is set and its result ignored
// (falco@0.34.1:userspace/falco/outputs_http.cpp:38-42).
class option_result {
public:
    explicit option_result(bool checked) : checked_(checked) {}

    template <typename F>
    void then(F&& set) {
        if (!checked_) {
            (void)set();
        } else if (res_ == CURLE_OK || res_ == CURLE_NOT_BUILT_IN) {
            res_ = set();
        }
    }
    bool failed() const { return res_ != CURLE_OK && res_ != CURLE_NOT_BUILT_IN; }
    CURLcode code() const { return res_; }

private:
    bool checked_;
    CURLcode res_ = CURLE_OK;
};

}  // namespace

void http_channel::global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string http_channel::unquote_url(const std::string& url) {
    if (url.empty() || !((url.front() == '"' && url.back() == '"') ||
                         (url.front() == '\'' && url.back() == '\''))) {
        return url;
    }
    // libs@0.25.4:userspace/libsinsp/filter/escaping.cpp:83-144: the characters between the
    // first and the last one; a lone quote gives "", a trailing lone backslash vanishes.
    std::string out;
    bool escaped = false;
    for (std::size_t i = 1; i + 1 < url.size(); ++i) {
        const char c = url[i];
        if (!escaped) {
            if (c == '\\') {
                escaped = true;
            } else {
                out += c;
            }
            continue;
        }
        escaped = false;
        switch (c) {
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case ' ':  // `\ ` is accepted and gives a backslash, as in libsinsp
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case '"':
                if (url.front() != c) {
                    throw std::runtime_error("invalid \\\" escape in '-quoted string");
                }
                out += c;
                break;
            case '\'':
                if (url.front() != c) {
                    throw std::runtime_error("invalid \\' escape in \"-quoted string");
                }
                out += c;
                break;
            default:
                throw std::runtime_error(std::string("unsupported string escape sequence: \\") + c);
        }
    }
    return out;
}

http_channel::http_channel(const config& cfg)
    : prof_(*cfg.prof), opts_(cfg.http_output), json_output_(cfg.json_output) {
    global_init();
    if (!prof_.http_reuse_handle) {
        return;  // everything is set up per alert (deliver)
    }
    handle_ = make_handle();  // throws http_init_error, or std::runtime_error for the url
    if (!handle_) {
        // outputs_http.cpp:49-55 logs this and returns an empty error text.
        log(log_level::error, "libcurl failed to initialize the handle: Failed initialization");
        throw http_init_error("");
    }
}

http_channel::~http_channel() = default;

std::unique_ptr<curl_easy_handle> http_channel::make_handle() const {
    auto h = std::make_unique<curl_easy_handle>();
    if (!*h) {
        return nullptr;
    }
    CURL* c = h->get();
    option_result res(prof_.http_checks_option_results);
    // outputs_http.cpp:57-62; legacy always application/json (falco_outputs.cpp:283-284).
    const char* content_type = "Content-Type: application/json";
    if (prof_.http_content_type_by_format && !json_output_) {
        content_type = "Content-Type: text/plain";
    }
    res.then([&] { return h->add_header(content_type); });
    // Decoded after the header is set, as both Falcos do (falco@0.44.1:userspace/falco/
    // outputs_http.cpp:64-70, falco@0.35.1:userspace/falco/outputs_http.cpp:39-51): a bad escape
    // throws std::runtime_error here.
    const std::string url = prof_.http_unquotes_url ? unquote_url(opts_.url) : opts_.url;
    res.then([&] { return curl_easy_setopt(c, CURLOPT_URL, url.c_str()); });
    if (prof_.http_sends_user_agent) {
        res.then([&] { return curl_easy_setopt(c, CURLOPT_USERAGENT, opts_.user_agent.c_str()); });
    }
    if (prof_.http_has_tls_options) {
        // outputs_http.cpp:75-91.
        if (opts_.insecure) {
            res.then([&] { return curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L); });
            res.then([&] { return curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L); });
        }
        if (opts_.mtls) {
            res.then(
                [&] { return curl_easy_setopt(c, CURLOPT_SSLCERT, opts_.client_cert.c_str()); });
            res.then([&] { return curl_easy_setopt(c, CURLOPT_SSLKEY, opts_.client_key.c_str()); });
        }
        if (!opts_.ca_cert.empty()) {
            res.then([&] { return curl_easy_setopt(c, CURLOPT_CAINFO, opts_.ca_cert.c_str()); });
        } else if (!opts_.ca_bundle.empty()) {
            res.then([&] { return curl_easy_setopt(c, CURLOPT_CAINFO, opts_.ca_bundle.c_str()); });
        } else {
            res.then([&] { return curl_easy_setopt(c, CURLOPT_CAPATH, opts_.ca_path.c_str()); });
        }
    }
    if (!prof_.http_echo_always && !opts_.echo) {
        res.then([&] { return curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard_body); });
    }
    if (prof_.http_has_tls_options) {
        // compress_uploads and keep_alive belong to the same modern option set (0.44 only).
        if (opts_.compress_uploads) {
            res.then([&] { return curl_easy_setopt(c, CURLOPT_TRANSFER_ENCODING, 1L); });
        }
        if (opts_.keep_alive) {
            res.then([&] { return curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L); });
        }
    }
    if (res.failed()) {
        throw http_init_error(std::string("libcurl error: ") + curl_easy_strerror(res.code()));
    }
    return h;
}

channel_outcome http_channel::perform(curl_easy_handle& handle, const std::string& body) const {
    CURL* c = handle.get();
    // POSTFIELDS points at the line itself; its size is strlen, as Falco's -1 means
    // (outputs_http.cpp:73,114), so a NUL ends the body.
    CURLcode res =
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(std::strlen(body.c_str())));
    if (res == CURLE_OK) {
        res = curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    }
    // 0.44 retries while it times out, at most max+1 attempts (outputs_http.cpp:113-123);
    // legacy makes one attempt (falco@0.15.3:userspace/falco/falco_outputs.cpp:280-293).
    const unsigned max_attempts =
        prof_.http_retries_timeouts ? opts_.max_consecutive_timeouts + 1u : 1u;
    unsigned attempts = 0;
    if (res == CURLE_OK) {
        do {
            res = curl_easy_perform(c);
            ++attempts;
        } while (res == CURLE_OPERATION_TIMEDOUT && attempts < max_attempts);
    }
    if (res != CURLE_OK) {
        // Falco logs the failure itself and returns; HTTP status codes are not checked.
        return channel_outcome::failed(
            std::string(prof_.http_perform_error_prefix) + curl_easy_strerror(res),
            channel_outcome::report::by_channel);
    }
    return channel_outcome::done();
}

channel_outcome http_channel::deliver(const output_message& msg) {
    if (prof_.http_reuse_handle) {
        if (!handle_) {
            // Only after close(): nothing is sent, as Falco's cleaned-up handle sends nothing.
            return channel_outcome::failed("the channel is closed",
                                           channel_outcome::report::unnoticed);
        }
        return perform(*handle_, msg.line);
    }
    // Legacy and 0.35: a new handle (and connection) per message; a failed curl_easy_init is
    // silent there (`if(curl)`), a failed option set is reported like a failed call, and a bad
    // escape in a quoted url reaches the worker, which logs `http: <what>`
    // (falco@0.35.1:userspace/falco/falco_outputs.cpp:297-318, docs/spec/0.35.md#http.url).
    std::unique_ptr<curl_easy_handle> h;
    try {
        h = make_handle();
    } catch (const http_init_error& e) {
        return channel_outcome::failed(e.what(), channel_outcome::report::by_channel);
    } catch (const std::runtime_error& e) {
        return channel_outcome::failed(e.what(), channel_outcome::report::by_worker);
    }
    if (!h) {
        return channel_outcome::failed("libcurl failed to initialize",
                                       channel_outcome::report::unnoticed);
    }
    if (prof_.http_expect_continue_above != 0 &&
        std::strlen(msg.line.c_str()) > prof_.http_expect_continue_above) {
        h->add_header("Expect: 100-continue");
    }
    return perform(*h, msg.line);
}

channel_outcome http_channel::close() {
    handle_.reset();
    return channel_outcome::done();
}

}  // namespace falco_ref
