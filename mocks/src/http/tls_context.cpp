// SPDX-License-Identifier: Apache-2.0
#include "tls_context.hpp"

#include <stdexcept>

namespace mocks {

tls_context::tls_context(const test_pki& pki, const std::string& mode)
    : ctx_(SSL_CTX_new(TLS_server_method())) {
    if (ctx_ == nullptr) {
        throw std::runtime_error("SSL_CTX_new failed");
    }
    const key_and_cert& served = mode == "untrusted" ? pki.untrusted_server() : pki.server();
    if (SSL_CTX_use_certificate(ctx_, served.cert.get()) != 1 ||
        SSL_CTX_use_PrivateKey(ctx_, served.key.get()) != 1) {
        SSL_CTX_free(ctx_);
        throw std::runtime_error("cannot load the server certificate");
    }
    if (mode == "mtls") {
        X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx_), pki.ca().cert.get());
        SSL_CTX_add_client_CA(ctx_, pki.ca().cert.get());
        SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
    }
}

tls_context::~tls_context() {
    SSL_CTX_free(ctx_);
}

}  // namespace mocks
