// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

namespace mocks {

struct pkey_free {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct x509_free {
    void operator()(X509* p) const { X509_free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, pkey_free>;
using x509_ptr = std::unique_ptr<X509, x509_free>;

struct key_and_cert {
    pkey_ptr key;
    x509_ptr cert;
};

// Throwaway TLS material made at every start (ECDSA P-256, fast): a test CA, a server
// certificate it signs for 127.0.0.1, ::1 and localhost, a client certificate for mTLS, and
// an untrusted CA with its own server certificate. write() stores them as the README lists.
class test_pki {
public:
    test_pki();
    void write(const std::string& dir) const;

    const key_and_cert& ca() const { return ca_; }
    const key_and_cert& server() const { return server_; }
    const key_and_cert& untrusted_server() const { return untrusted_server_; }

private:
    key_and_cert ca_, server_, client_, untrusted_ca_, untrusted_server_;
};

}  // namespace mocks
