// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <curl/curl.h>

#include <utility>

namespace falco_ref {

// Owns one libcurl easy handle and the header list it points to (libcurl keeps a pointer to
// the list, so both must die together).
class curl_easy_handle {
public:
    curl_easy_handle() : handle_(curl_easy_init()) {}
    ~curl_easy_handle() {
        if (handle_ != nullptr) {
            curl_easy_cleanup(handle_);
        }
        curl_slist_free_all(headers_);
    }
    curl_easy_handle(const curl_easy_handle&) = delete;
    curl_easy_handle& operator=(const curl_easy_handle&) = delete;

    CURL* get() const { return handle_; }
    explicit operator bool() const { return handle_ != nullptr; }

    // Appends one header line and (re)installs the list on the handle.
    CURLcode add_header(const char* line) {
        curl_slist* list = curl_slist_append(headers_, line);
        if (list == nullptr) {
            return CURLE_OUT_OF_MEMORY;
        }
        headers_ = list;
        return curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, headers_);
    }

private:
    CURL* handle_ = nullptr;
    curl_slist* headers_ = nullptr;
};

}  // namespace falco_ref
