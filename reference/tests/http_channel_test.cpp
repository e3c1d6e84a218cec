// SPDX-License-Identifier: Apache-2.0
// http_channel against the real mock-http (mocks/README.md) over HTTP, HTTPS with its test CA,
// mTLS and an untrusted certificate. Expectations: docs/spec/common.md#66-http,
// docs/spec/0.44.md#10-http-output, docs/spec/legacy.md#10-http-output; the headers of Debian
// 12's libcurl 7.88 are those docs/spec/0.44.md#http.expect names.
#include "falco_ref/channels/http_channel.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "channel_test_support.hpp"
#include "falco_ref/outputs.hpp"
#include "mocks/mock_process.hpp"
#include "mocks/records.hpp"

namespace falco_ref {
namespace {

using namespace std::chrono_literals;

output_message message(const std::string& line) {
    return test::make_message(priority::warning, line);
}

std::vector<std::string> header_names(const mocks::http_record& r) {
    std::vector<std::string> names;
    for (const auto& [name, value] : r.headers) {
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        names.push_back(lower);
    }
    std::sort(names.begin(), names.end());
    return names;
}

// A loopback port nobody listens on: bound, never listened to, kept until the test ends.
class closed_port {
public:
    closed_port() {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
        socklen_t len = sizeof(addr);
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
    }
    ~closed_port() { ::close(fd_); }
    int port() const { return port_; }

private:
    int fd_ = -1;
    int port_ = 0;
};

class http_channel_test : public ::testing::Test {
protected:
    void SetUp() override { test::prepare_process(); }

    // Starts mock-http with `args` (besides --out and --cert-dir).
    void start_mock(std::vector<std::string> args) {
        std::vector<std::string> argv = {mocks::mock_http_path(), "--out", records_, "--cert-dir",
                                         certs_};
        argv.insert(argv.end(), args.begin(), args.end());
        mock_ = std::make_unique<mocks::mock_process>(mocks::mock_process::start(argv));
    }
    std::string http_url(const std::string& target = "/") const {
        return "http://127.0.0.1:" + *mock_->ready_value("http") + target;
    }
    std::string https_url() const {
        return "https://127.0.0.1:" + *mock_->ready_value("https") + "/";
    }
    std::string cert(const std::string& name) const { return certs_ + "/" + name; }

    config make(profile_id id, const std::string& url) const {
        config cfg = test::make_config(id);
        cfg.http_output.enabled = true;
        cfg.http_output.url = url;
        return cfg;
    }

    std::vector<mocks::http_record> requests() const { return mocks::read_http_records(records_); }
    std::uint64_t connections() const { return mocks::read_http_connection_count(records_); }

    test::temp_dir dir_;
    std::string records_ = dir_.file("http.jsonl");
    std::string certs_ = [this] {
        const std::string d = dir_.file("certs");
        std::filesystem::create_directory(d);
        return d;
    }();
    std::unique_ptr<mocks::mock_process> mock_;
};

TEST_F(http_channel_test, text_alerts_are_posted_on_one_reused_connection_0_44) {
    // docs/spec/0.44.md#http.handle (one handle, reused) and docs/spec/common.md#http.request,
    // docs/spec/0.44.md#http.content_type, docs/spec/0.44.md#http.user_agent (headers).
    start_mock({"--http"});
    const std::vector<std::string> lines = {
        "16:17:57.881781397: Warning An open was seen (command=cat /dev/null)",
        "16:17:58.000000001: Error second", "16:17:59.000000002: Notice third"};
    http_channel ch(make(profile_id::v0_44, http_url()));
    for (const auto& line : lines) {
        ch.deliver(message(line));
    }
    ch.close();
    const auto reqs = requests();
    ASSERT_EQ(reqs.size(), lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& r = reqs[i];
        EXPECT_EQ(r.method, "POST");
        EXPECT_EQ(r.target, "/");
        EXPECT_EQ(r.version, "HTTP/1.1");
        EXPECT_EQ(r.body, lines[i]);  // no newline (docs/spec/common.md#text.terminator)
        EXPECT_EQ(r.header("Content-Type"), "text/plain");
        EXPECT_EQ(r.header("User-Agent"), "falcosecurity/falco");
        EXPECT_EQ(r.header("Accept"), "*/*");
        EXPECT_EQ(r.header("Content-Length"), std::to_string(lines[i].size()));
        EXPECT_EQ(header_names(r),
                  (std::vector<std::string>{"accept", "content-length", "content-type", "host",
                                            "user-agent"}));
        EXPECT_FALSE(r.tls);
    }
    EXPECT_EQ(connections(), 1u);
}

TEST_F(http_channel_test, json_alerts_are_application_json_with_the_configured_user_agent) {
    start_mock({"--http"});
    config cfg = make(profile_id::v0_44, http_url("/falco/events?x=1"));
    cfg.json_output = true;
    cfg.http_output.user_agent = "my-agent/1.0";
    const std::string json = R"({"output":"x","priority":"Warning","rule":"r"})";
    http_channel ch(cfg);
    ch.deliver(message(json));
    ch.close();
    const auto reqs = requests();
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_EQ(reqs[0].target, "/falco/events?x=1");
    EXPECT_EQ(reqs[0].header("Content-Type"), "application/json");
    EXPECT_EQ(reqs[0].header("User-Agent"), "my-agent/1.0");
    EXPECT_EQ(reqs[0].body, json);
}

// docs/spec/legacy.md#10-http-output: a new handle per alert, always application/json, no
// User-Agent, the response body written to stdout without a newline. docs/spec/0.35.md#http.handle,
// docs/spec/0.35.md#http.echo: a handle per alert too, with the Content-Type of the format and
// the User-Agent, the response body always on stdout (the echo key is not read: false here);
// 0.34 the same (falco@0.34.1:userspace/falco/outputs_http.cpp:21-56).
TEST_F(http_channel_test, legacy_0_34_and_0_35_use_a_new_connection_per_alert_and_always_echo) {
    struct expected_headers {
        profile_id id;
        const char* content_type;
        std::optional<std::string> user_agent;
    };
    start_mock({"--http", "--response-body", "ok;"});
    for (const expected_headers& e :
         {expected_headers{profile_id::legacy, "application/json", std::nullopt},
          expected_headers{profile_id::v0_35, "text/plain", "falcosecurity/falco"},
          expected_headers{profile_id::v0_34, "text/plain", "falcosecurity/falco"}}) {
        const std::size_t before = requests().size();
        const std::uint64_t connections_before = connections();
        test::fd_capture out(STDOUT_FILENO, dir_.file("stdout.txt"));
        http_channel ch(make(e.id, http_url()));
        for (int i = 0; i < 3; ++i) {
            ch.deliver(message("16:31:56.746609046: Error text alert " + std::to_string(i)));
        }
        ch.close();
        out.restore();
        const auto reqs = requests();
        ASSERT_EQ(reqs.size(), before + 3u);
        for (int i = 0; i < 3; ++i) {
            const auto& r = reqs[before + i];
            EXPECT_EQ(r.body, "16:31:56.746609046: Error text alert " + std::to_string(i));
            EXPECT_EQ(r.header("Content-Type"), e.content_type);
            EXPECT_EQ(r.header("User-Agent"), e.user_agent);
        }
        EXPECT_EQ(connections(), connections_before + 3u);
        EXPECT_EQ(out.text(), "ok;ok;ok;");
    }
}

TEST_F(http_channel_test, echo_writes_the_response_body_to_stdout_only_when_asked_0_44) {
    // docs/spec/0.44.md#http.echo.
    start_mock({"--http", "--response-body", "{\"ack\":1}"});
    for (const bool echo : {false, true}) {
        test::fd_capture out(STDOUT_FILENO, dir_.file(echo ? "echo.txt" : "quiet.txt"));
        config cfg = make(profile_id::v0_44, http_url());
        cfg.http_output.echo = echo;
        http_channel ch(cfg);
        ch.deliver(message("a"));
        ch.deliver(message("b"));
        ch.close();
        out.restore();
        EXPECT_EQ(out.text(), echo ? "{\"ack\":1}{\"ack\":1}" : "") << "echo " << echo;
    }
}

TEST_F(http_channel_test, server_errors_count_as_success) {
    // docs/spec/common.md#http.status: HTTP status is not checked.
    start_mock({"--http", "--fault", "1:status=500", "--fault", "2:status=404"});
    test::fd_capture err(STDERR_FILENO, dir_.file("stderr.txt"));
    http_channel ch(make(profile_id::v0_44, http_url()));
    for (const char* line : {"a", "b", "c"}) {
        EXPECT_TRUE(ch.deliver(message(line)).ok()) << line;
    }
    ch.close();
    err.restore();
    const auto reqs = requests();
    ASSERT_EQ(reqs.size(), 3u);
    EXPECT_EQ(reqs[0].status, 500);
    EXPECT_EQ(reqs[1].status, 404);
    EXPECT_EQ(reqs[2].status, 200);
    EXPECT_EQ(err.text(), "");
}

// docs/spec/0.44.md#http.error.message, docs/spec/legacy.md#http.error.message: a failed
// delivery with the line Falco logs itself (no "http: " prefix).
TEST_F(http_channel_test, connection_failure_fails_the_delivery_with_each_profiles_line) {
    closed_port port;
    const std::string url = "http://127.0.0.1:" + std::to_string(port.port()) + "/";
    for (const auto id : {profile_id::v0_44, profile_id::legacy, profile_id::v0_35}) {
        http_channel ch(make(id, url));
        const channel_outcome lost = ch.deliver(message("lost"));
        ch.close();
        EXPECT_EQ(lost.result(), channel_outcome::status::failed);
        EXPECT_EQ(lost.log_line("http"), id == profile_id::v0_44
                                             ? "libcurl failed to perform call: Couldn't connect "
                                               "to server"
                                             : "libcurl error: Couldn't connect to server");
    }
}

TEST_F(http_channel_test, https_with_the_test_ca_is_accepted) {
    start_mock({"--https"});
    config cfg = make(profile_id::v0_44, https_url());
    cfg.http_output.ca_cert = cert("ca.pem");
    http_channel ch(cfg);
    ch.deliver(message("over tls"));
    ch.close();
    const auto reqs = requests();
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_TRUE(reqs[0].tls);
    EXPECT_EQ(reqs[0].body, "over tls");
}

TEST_F(http_channel_test, ca_cert_wins_over_ca_bundle_which_wins_over_ca_path) {
    // docs/spec/0.44.md#http.tls: ca_cert -> CAINFO, else ca_bundle -> CAINFO, else CAPATH.
    start_mock({"--https"});
    // A CAPATH directory trusting the test CA: OpenSSL looks certificates up by subject hash.
    const std::string capath = dir_.file("capath");
    std::filesystem::create_directory(capath);
    std::filesystem::copy_file(cert("ca.pem"), capath + "/ca.pem");
    if (std::system(("openssl rehash " + test::sh_quote(capath) + " >/dev/null 2>&1").c_str()) !=
        0) {
        GTEST_SKIP() << "`openssl rehash` is needed to build a CA directory";
    }
    test::fd_capture err(STDERR_FILENO, dir_.file("stderr.txt"));
    struct variant {
        std::string ca_cert, ca_bundle, ca_path;
        bool accepted;
    };
    const std::string untrusted = cert("untrusted-ca.pem");
    const std::vector<variant> variants = {
        {cert("ca.pem"), untrusted, "/nonexistent", true},
        {untrusted, cert("ca.pem"), capath, false},  // ca_cert wins over both
        {"", cert("ca.pem"), "/nonexistent", true},
        {"", untrusted, capath, false},  // ca_bundle wins over ca_path
        {"", "", capath, true},
        {"", "", "/nonexistent", false},
    };
    std::size_t expected_requests = 0;
    for (const auto& v : variants) {
        config cfg = make(profile_id::v0_44, https_url());
        cfg.http_output.ca_cert = v.ca_cert;
        cfg.http_output.ca_bundle = v.ca_bundle;
        cfg.http_output.ca_path = v.ca_path;
        http_channel ch(cfg);
        EXPECT_EQ(ch.deliver(message("x")).ok(), v.accepted);
        ch.close();
        expected_requests += v.accepted ? 1 : 0;
        EXPECT_EQ(requests().size(), expected_requests)
            << v.ca_cert << " | " << v.ca_bundle << " | " << v.ca_path;
    }
    err.restore();
}

TEST_F(http_channel_test, untrusted_certificate_is_refused_unless_insecure) {
    start_mock({"--https", "--tls-mode", "untrusted"});
    config cfg = make(profile_id::v0_44, https_url());
    cfg.http_output.ca_cert = cert("ca.pem");
    {
        http_channel ch(cfg);
        // docs/spec/0.44.md#http.error.message: the message for a failed verification.
        EXPECT_EQ(ch.deliver(message("refused")).log_line("http"),
                  "libcurl failed to perform call: SSL peer certificate or SSH remote key was not "
                  "OK");
        ch.close();
    }
    EXPECT_TRUE(requests().empty());
    cfg.http_output.insecure = true;  // VERIFYPEER=0, VERIFYHOST=0
    {
        http_channel ch(cfg);
        EXPECT_TRUE(ch.deliver(message("accepted")).ok());
        ch.close();
    }
    const auto reqs = requests();
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_EQ(reqs[0].body, "accepted");
}

TEST_F(http_channel_test, legacy_and_0_34_verify_against_the_system_store_only) {
    // docs/spec/legacy.md#http.tls, docs/spec/0.34.md#http.tls: no TLS options; the test CA is
    // not in the system store.
    start_mock({"--https"});
    for (const auto id : {profile_id::legacy, profile_id::v0_34}) {
        config cfg = make(id, https_url());
        cfg.http_output.ca_cert = cert("ca.pem");    // must be ignored
        cfg.http_output.ca_bundle = cert("ca.pem");  // must be ignored
        cfg.http_output.insecure = true;             // must be ignored
        http_channel ch(cfg);
        EXPECT_EQ(ch.deliver(message("refused")).log_line("http"),
                  "libcurl error: SSL peer certificate or SSH remote key was not OK");
        ch.close();
    }
    EXPECT_TRUE(requests().empty());
}

TEST_F(http_channel_test, mutual_tls_presents_the_client_certificate) {
    // docs/spec/0.44.md#http.tls: mtls sets SSLCERT/SSLKEY.
    start_mock({"--https", "--tls-mode", "mtls"});
    config cfg = make(profile_id::v0_44, https_url());
    cfg.http_output.ca_cert = cert("ca.pem");
    {
        http_channel ch(cfg);  // no client certificate: the server refuses
        const auto refused = ch.deliver(message("without")).log_line("http");
        ASSERT_TRUE(refused.has_value());
        EXPECT_EQ(refused->rfind("libcurl failed to perform call: ", 0), 0u) << *refused;
        ch.close();
    }
    EXPECT_TRUE(requests().empty());
    cfg.http_output.mtls = true;
    cfg.http_output.client_cert = cert("client.pem");
    cfg.http_output.client_key = cert("client-key.pem");
    {
        http_channel ch(cfg);
        EXPECT_TRUE(ch.deliver(message("with")).ok());
        ch.close();
    }
    const auto reqs = requests();
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_TRUE(reqs[0].tls);
    EXPECT_EQ(reqs[0].body, "with");
}

TEST_F(http_channel_test, stalled_server_delays_only_that_call) {
    // One synchronous call per alert (docs/spec/0.44.md#queue.pipeline): a slow answer blocks that
    // call, the next one proceeds normally on the same connection.
    start_mock({"--http", "--fault", "1:delay_ms=1500"});
    http_channel ch(make(profile_id::v0_44, http_url()));
    const auto t0 = std::chrono::steady_clock::now();
    ch.deliver(message("slow"));
    EXPECT_GE(std::chrono::steady_clock::now() - t0, 1500ms);
    ch.deliver(message("fast"));
    ch.close();
    const auto reqs = requests();
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_EQ(reqs[0].status, 200);
    EXPECT_EQ(reqs[1].body, "fast");
    EXPECT_EQ(connections(), 1u);
}

TEST_F(http_channel_test, stalled_server_is_reported_by_the_outputs_watchdog) {
    // docs/spec/0.44.md#queue.timeout: CRIT `"http" output timeout, all output channels are
    // blocked` once the call exceeds output_timeout; delivery is not aborted.
    start_mock({"--http", "--fault", "1:delay_ms=1500"});
    test::fd_capture err(STDERR_FILENO, dir_.file("stderr.txt"));
    std::vector<std::unique_ptr<channel>> channels;
    channels.push_back(std::make_unique<http_channel>(make(profile_id::v0_44, http_url())));
    outputs_settings settings;
    settings.output_timeout = 200ms;
    outputs out(std::move(channels), settings);
    ASSERT_TRUE(out.push(message("slow")));
    const std::string crit = ": \"http\" output timeout, all output channels are blocked\n";
    EXPECT_TRUE(mocks::wait_until([&] { return err.text().find(crit) != std::string::npos; }, 10s));
    ASSERT_TRUE(mocks::wait_until([&] { return requests().size() == 1; }, 10s));
    EXPECT_EQ(requests()[0].status, 200);  // answered after the delay: not aborted
    out.stop();
    err.restore();
}

// Through the outputs worker: the failed request is logged once with Falco's own line and
// counted as failed, not delivered.
TEST_F(http_channel_test, failed_request_is_logged_by_the_worker_and_counted_as_failed) {
    closed_port port;
    const std::string url = "http://127.0.0.1:" + std::to_string(port.port()) + "/";
    test::fd_capture err(STDERR_FILENO, dir_.file("stderr.txt"));
    std::vector<std::unique_ptr<channel>> channels;
    channels.push_back(std::make_unique<http_channel>(make(profile_id::v0_44, url)));
    outputs out(std::move(channels), outputs_settings{});
    ASSERT_TRUE(out.push(message("lost")));
    out.stop();
    err.restore();
    const std::string line = ": libcurl failed to perform call: Couldn't connect to server\n";
    const std::string text = err.text();
    EXPECT_NE(text.find(line), std::string::npos) << text;
    EXPECT_EQ(text.find(line, text.find(line) + 1), std::string::npos) << text;
    EXPECT_EQ(text.find("http: "), std::string::npos) << text;  // no worker prefix
    const auto counters = out.counters();
    EXPECT_EQ(counters[0].delivered, 0u);
    EXPECT_EQ(counters[0].failed, 1u);
}

TEST_F(http_channel_test, compress_uploads_asks_for_a_compressed_response) {
    // docs/spec/0.44.md#http.compress: TE: gzip + Connection: TE; the body is not touched.
    start_mock({"--http"});
    config cfg = make(profile_id::v0_44, http_url());
    cfg.http_output.compress_uploads = true;
    cfg.http_output.keep_alive = true;  // TCP keepalive probes: nothing visible in the request
    http_channel ch(cfg);
    ch.deliver(message("plain body"));
    ch.close();
    const auto reqs = requests();
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_EQ(reqs[0].header("TE"), "gzip");
    EXPECT_EQ(reqs[0].header("Connection"), "TE");
    EXPECT_EQ(reqs[0].body, "plain body");
}

TEST_F(http_channel_test, body_ends_at_its_first_nul) {
    // POSTFIELDSIZE -1: libcurl takes strlen (docs/spec/common.md#http.request, both profiles).
    start_mock({"--http"});
    http_channel ch(make(profile_id::v0_44, http_url()));
    ch.deliver(message(std::string("before\0after", 12)));
    ch.close();
    const auto reqs = requests();
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_EQ(reqs[0].body, "before");
}

TEST_F(http_channel_test, quoted_url_is_unquoted_in0_44_and_verbatim_in_legacy) {
    start_mock({"--http"});
    const std::string quoted = "\"" + http_url("/q\\/x") + "\"";
    {
        http_channel ch(make(profile_id::v0_44, quoted));
        EXPECT_TRUE(ch.deliver(message("a")).ok());
        ch.close();
    }
    {
        http_channel ch(make(profile_id::legacy, quoted));  // libcurl refuses the quotes
        const auto refused = ch.deliver(message("b")).log_line("http");
        ASSERT_TRUE(refused.has_value());
        EXPECT_EQ(refused->rfind("libcurl error: ", 0), 0u) << *refused;
        ch.close();
    }
    const auto reqs = requests();
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_EQ(reqs[0].target, "/q/x");
}

TEST(http_channel_url, unquote_follows_libsinsp_unescape_str) {
    // docs/spec/0.44.md#http.url; libs@0.25.4:userspace/libsinsp/filter/escaping.cpp:83-144.
    EXPECT_EQ(http_channel::unquote_url("http://h/x"), "http://h/x");
    EXPECT_EQ(http_channel::unquote_url("\"http://h/x\""), "http://h/x");
    EXPECT_EQ(http_channel::unquote_url("'http://h/x'"), "http://h/x");
    EXPECT_EQ(http_channel::unquote_url("\"http://h/x'"), "\"http://h/x'");  // mismatched
    EXPECT_EQ(http_channel::unquote_url("\"a\\/b\\\\c\\tz\""), "a/b\\c\tz");
    EXPECT_EQ(http_channel::unquote_url("\"a\\ b\""), "a\\b");  // `\ ` gives a backslash
    EXPECT_EQ(http_channel::unquote_url("\"a\\\"b\""), "a\"b");
    EXPECT_EQ(http_channel::unquote_url("'a\\'b'"), "a'b");
    EXPECT_EQ(http_channel::unquote_url("\""), "");
    try {
        http_channel::unquote_url("\"http://h/\\q\"");
        ADD_FAILURE() << "no exception";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "unsupported string escape sequence: \\q");
    }
    EXPECT_THROW(http_channel::unquote_url("\"a\\'b\""), std::runtime_error);
    EXPECT_THROW(http_channel::unquote_url("'a\\\"b'"), std::runtime_error);
}

TEST_F(http_channel_test, quoted_url_is_decoded_for_every_alert_in0_35) {
    // docs/spec/0.35.md#http.url: nothing is checked before the first alert; a bad escape fails
    // every alert on this channel alone, through the worker's `http: <what>` line.
    start_mock({"--http"});
    {
        http_channel ch(make(profile_id::v0_35, "\"" + http_url("/q\\/x") + "\""));
        EXPECT_TRUE(ch.deliver(message("a")).ok());
        EXPECT_TRUE(ch.deliver(message("b")).ok());
        ch.close();
    }
    const auto reqs = requests();
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_EQ(reqs[1].target, "/q/x");
    EXPECT_EQ(connections(), 2u);
    http_channel bad(make(profile_id::v0_35, "\"http://127.0.0.1/\\x\""));
    for (int i = 0; i < 2; ++i) {
        const channel_outcome lost = bad.deliver(message("lost"));
        EXPECT_EQ(lost.result(), channel_outcome::status::failed);
        EXPECT_EQ(lost.log_line("http"), "http: unsupported string escape sequence: \\x\n");
    }
    bad.close();
}

TEST_F(http_channel_test, quoted_url_is_used_as_written_in0_34) {
    // docs/spec/0.34.md#http.url: no unquoting and no unescaping: libcurl refuses a url that
    // starts with a quote, for every alert, with its own error; a bad escape is no error.
    start_mock({"--http"});
    for (const std::string& url : {"\"" + http_url("/dq") + "\"", "'" + http_url("/a\\/b") + "'",
                                   "'" + http_url("/a\\qb") + "'", "\"" + http_url("/")}) {
        http_channel ch(make(profile_id::v0_34, url));
        for (int i = 0; i < 2; ++i) {
            const channel_outcome refused = ch.deliver(message("refused"));
            EXPECT_EQ(refused.result(), channel_outcome::status::failed) << url;
            EXPECT_EQ(refused.log_line("http"),
                      "libcurl error: URL using bad/illegal format or missing URL")
                << url;
        }
        ch.close();
    }
    EXPECT_TRUE(requests().empty());
}

TEST_F(http_channel_test, option_results_are_ignored_in0_34_and_fail_the_request_in0_35) {
    // docs/spec/0.34.md#http.init_error: libcurl refuses a string option longer than 8,000,000
    // bytes; 0.34 ignores the result of curl_easy_setopt and posts without a User-Agent, 0.35
    // fails the request with the error (docs/spec/0.35.md#http.init_error).
    start_mock({"--http"});
    config cfg = make(profile_id::v0_34, http_url());
    cfg.http_output.user_agent = std::string(8000001, 'a');
    {
        http_channel ch(cfg);
        EXPECT_TRUE(ch.deliver(message("posted")).ok());
        ch.close();
    }
    cfg.prof = &get_profile(profile_id::v0_35);
    {
        http_channel ch(cfg);
        EXPECT_EQ(ch.deliver(message("refused")).log_line("http"),
                  "libcurl error: A libcurl function was given a bad argument");
        ch.close();
    }
    const auto reqs = requests();
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_EQ(reqs[0].body, "posted");
    EXPECT_EQ(reqs[0].header("User-Agent"), std::nullopt);
}

TEST(http_channel_url, bad_escape_fails_the_construction_in0_44) {
    // Fatal in Falco: "Runtime error: unsupported string escape sequence: \x. Exiting."
    config cfg = test::make_config(profile_id::v0_44);
    cfg.http_output.url = "\"http://127.0.0.1/\\x\"";
    EXPECT_THROW(http_channel{cfg}, std::runtime_error);
}

}  // namespace
}  // namespace falco_ref
