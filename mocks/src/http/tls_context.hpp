// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <openssl/ssl.h>

#include <string>

#include "test_pki.hpp"

namespace mocks {

// The server-side SSL_CTX for one --tls-mode: "trusted" (server cert signed by the test CA),
// "untrusted" (signed by the untrusted CA), "mtls" (trusted + a client certificate signed by
// the test CA is required).
class tls_context {
public:
    tls_context(const test_pki& pki, const std::string& mode);
    ~tls_context();
    tls_context(const tls_context&) = delete;
    tls_context& operator=(const tls_context&) = delete;

    SSL_CTX* get() const { return ctx_; }

private:
    SSL_CTX* ctx_ = nullptr;
};

}  // namespace mocks
