// SPDX-License-Identifier: Apache-2.0
#include "test_pki.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <functional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace mocks {
namespace {

[[noreturn]] void openssl_fail(const std::string& what) {
    char buf[256];
    ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
    throw std::runtime_error(what + ": " + buf);
}

using extensions = std::vector<std::pair<int, const char*>>;

// Signs with `issuer` (nullptr: self-signed) a certificate for `key` named `common_name`.
key_and_cert make(const std::string& common_name, const key_and_cert* issuer,
                  const extensions& exts) {
    key_and_cert out{pkey_ptr(EVP_EC_gen("P-256")), x509_ptr(X509_new())};
    if (!out.key || !out.cert) {
        openssl_fail("key generation");
    }
    X509* x = out.cert.get();
    X509_set_version(x, 2);
    BIGNUM* serial = BN_new();
    BN_rand(serial, 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
    BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(x));
    BN_free(serial);
    // An hour of slack for clock differences; a week outlives any test run.
    X509_gmtime_adj(X509_getm_notBefore(x), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x), 7 * 24 * 3600);
    X509_set_pubkey(x, out.key.get());
    X509_NAME* name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("falco-outputs mocks"), -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                               0);
    X509* issuer_cert = issuer != nullptr ? issuer->cert.get() : x;
    X509_set_issuer_name(x, X509_get_subject_name(issuer_cert));
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer_cert, x, nullptr, nullptr, 0);
    for (const auto& [nid, value] : exts) {
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
        if (ext == nullptr) {
            openssl_fail(std::string("extension ") + value);
        }
        X509_add_ext(x, ext, -1);
        X509_EXTENSION_free(ext);
    }
    EVP_PKEY* signer = issuer != nullptr ? issuer->key.get() : out.key.get();
    if (X509_sign(x, signer, EVP_sha256()) == 0) {
        openssl_fail("sign " + common_name);
    }
    return out;
}

key_and_cert make_ca(const std::string& name) {
    return make(name, nullptr,
                {{NID_basic_constraints, "critical,CA:TRUE"},
                 {NID_key_usage, "critical,keyCertSign,cRLSign"},
                 {NID_subject_key_identifier, "hash"}});
}

key_and_cert make_server(const key_and_cert& ca) {
    return make("localhost", &ca,
                {{NID_basic_constraints, "critical,CA:FALSE"},
                 {NID_key_usage, "critical,digitalSignature"},
                 {NID_ext_key_usage, "serverAuth"},
                 {NID_subject_alt_name, "IP:127.0.0.1,IP:::1,DNS:localhost"},
                 {NID_subject_key_identifier, "hash"},
                 {NID_authority_key_identifier, "keyid:always"}});
}

void write_pem(const std::string& path, const std::function<int(BIO*)>& writer) {
    BIO* bio = BIO_new_file(path.c_str(), "w");
    if (bio == nullptr) {
        openssl_fail("cannot write " + path);
    }
    const int ok = writer(bio);
    BIO_free(bio);
    if (ok == 0) {
        openssl_fail("cannot write " + path);
    }
    // Test-only keys: readable by an implementation running as another user.
    ::chmod(path.c_str(), 0644);
}

void write_cert(const std::string& path, X509* cert) {
    write_pem(path, [&](BIO* b) { return PEM_write_bio_X509(b, cert); });
}

void write_key(const std::string& path, EVP_PKEY* key) {
    write_pem(path, [&](BIO* b) {
        return PEM_write_bio_PrivateKey(b, key, nullptr, nullptr, 0, nullptr, nullptr);
    });
}

}  // namespace

test_pki::test_pki()
    : ca_(make_ca("falco-outputs mock CA")),
      server_(make_server(ca_)),
      client_(make("falco-client", &ca_,
                   {{NID_basic_constraints, "critical,CA:FALSE"},
                    {NID_key_usage, "critical,digitalSignature"},
                    {NID_ext_key_usage, "clientAuth"},
                    {NID_subject_key_identifier, "hash"},
                    {NID_authority_key_identifier, "keyid:always"}})),
      untrusted_ca_(make_ca("falco-outputs mock untrusted CA")),
      untrusted_server_(make_server(untrusted_ca_)) {}

void test_pki::write(const std::string& dir) const {
    write_cert(dir + "/ca.pem", ca_.cert.get());
    write_cert(dir + "/server.pem", server_.cert.get());
    write_key(dir + "/server-key.pem", server_.key.get());
    write_cert(dir + "/client.pem", client_.cert.get());
    write_key(dir + "/client-key.pem", client_.key.get());
    write_cert(dir + "/untrusted-ca.pem", untrusted_ca_.cert.get());
    write_cert(dir + "/untrusted-server.pem", untrusted_server_.cert.get());
    write_key(dir + "/untrusted-server-key.pem", untrusted_server_.key.get());
}

}  // namespace mocks
