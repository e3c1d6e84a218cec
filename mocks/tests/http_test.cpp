// SPDX-License-Identifier: Apache-2.0
// mock-http against libcurl, the client Falco uses (docs/spec/common.md#http.request,
// docs/spec/0.44.md#http.handle).
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <thread>

#include "mocks/mock_process.hpp"
#include "mocks/records.hpp"
#include "start_failure.hpp"
#include "test_dir.hpp"

namespace {

using namespace std::chrono_literals;
using headers_t = std::vector<std::pair<std::string, std::string>>;
using mocks::testing::test_dir;

struct curl_result {
    CURLcode code = CURLE_OK;
    long status = 0;
    std::string body;
    std::chrono::milliseconds elapsed{0};
};

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}

// One easy handle, reused across post() calls as Falco reuses its handle (section i, Handle).
class curl_client {
public:
    curl_client() : handle_(curl_easy_init()) {}
    ~curl_client() {
        curl_slist_free_all(headers_);
        curl_easy_cleanup(handle_);
    }
    curl_client(const curl_client&) = delete;
    curl_client& operator=(const curl_client&) = delete;

    CURL* handle() { return handle_; }

    curl_result post(const std::string& url, const std::string& body,
                     const std::string& content_type = "text/plain") {
        curl_result r;
        curl_slist_free_all(headers_);
        headers_ = curl_slist_append(nullptr, ("Content-Type: " + content_type).c_str());
        curl_easy_setopt(handle_, CURLOPT_URL, url.c_str());
        curl_easy_setopt(handle_, CURLOPT_USERAGENT, "falcosecurity/falco");
        curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, headers_);
        curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(handle_, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(body.size()));
        curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(handle_, CURLOPT_WRITEDATA, &r.body);
        const auto start = std::chrono::steady_clock::now();
        r.code = curl_easy_perform(handle_);
        r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - start);
        curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &r.status);
        return r;
    }

private:
    CURL* handle_;
    curl_slist* headers_ = nullptr;
};

class mock_http : public ::testing::Test {
protected:
    void start(std::vector<std::string> extra) {
        std::vector<std::string> argv{
            mocks::mock_http_path(), "--http", "--https", "--cert-dir", dir_.path(), "--out",
            records_path()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        mock_ = std::make_unique<mocks::mock_process>(mocks::mock_process::start(argv));
    }
    std::string records_path() const { return dir_.file("http.jsonl"); }
    std::string http_url(const std::string& path = "/") const {
        return "http://127.0.0.1:" + *mock_->ready_value("http") + path;
    }
    std::string https_url(const std::string& host = "127.0.0.1") const {
        return "https://" + host + ":" + *mock_->ready_value("https") + "/";
    }
    std::string host_header(const char* key) const {
        return "127.0.0.1:" + *mock_->ready_value(key);
    }
    std::vector<mocks::http_record> wait_requests(std::size_t n) {
        std::vector<mocks::http_record> out;
        mocks::wait_until(
            [&] {
                out = mocks::read_http_records(records_path());
                return out.size() >= n;
            },
            5s);
        return out;
    }
    // The headers libcurl 7.88 sends for Falco's POST (section i, Request).
    static headers_t curl_headers(const std::string& host, const std::string& type,
                                  std::size_t length) {
        return {{"Host", host},
                {"User-Agent", "falcosecurity/falco"},
                {"Accept", "*/*"},
                {"Content-Type", type},
                {"Content-Length", std::to_string(length)}};
    }

    test_dir dir_;
    std::unique_ptr<mocks::mock_process> mock_;
};

void expect_request(const mocks::http_record& r, std::uint64_t seq, std::uint64_t conn_id, bool tls,
                    const headers_t& headers, const std::string& body, int status,
                    const std::string& fault = "") {
    EXPECT_EQ(r.seq, seq);
    EXPECT_EQ(r.conn_id, conn_id);
    EXPECT_EQ(r.tls, tls);
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/");
    EXPECT_EQ(r.version, "HTTP/1.1");
    EXPECT_EQ(r.headers, headers);
    EXPECT_EQ(r.body, body);
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(r.fault, fault);
}

TEST_F(mock_http, plain_post_is_recorded_exactly) {
    start({});
    curl_client c;
    const std::string json = "{\"output\":\"x\",\"priority\":\"Warning\"}";
    const auto r1 = c.post(http_url(), json, "application/json");
    ASSERT_EQ(r1.code, CURLE_OK);
    EXPECT_EQ(r1.status, 200);
    EXPECT_EQ(r1.body, "");
    const std::string binary("a\0\xff\n", 4);  // not UTF-8: stored as body_base64
    ASSERT_EQ(c.post(http_url(), binary).code, CURLE_OK);
    const auto records = wait_requests(2);
    ASSERT_EQ(records.size(), 2u);
    expect_request(records[0], 1, 1, false,
                   curl_headers(host_header("http"), "application/json", json.size()), json, 200);
    expect_request(records[1], 2, 1, false, curl_headers(host_header("http"), "text/plain", 4),
                   binary, 200);
}

TEST_F(mock_http, writes_the_certificates) {
    start({});
    for (const char* f : {"ca.pem", "server.pem", "server-key.pem", "client.pem", "client-key.pem",
                          "untrusted-ca.pem", "untrusted-server.pem", "untrusted-server-key.pem"}) {
        struct stat st {};
        EXPECT_EQ(::stat(dir_.file(f).c_str(), &st), 0) << f;
        EXPECT_GT(st.st_size, 0) << f;
    }
}

TEST_F(mock_http, https_verified_with_the_test_ca) {
    start({});
    for (const char* host : {"127.0.0.1", "localhost"}) {
        curl_client c;
        curl_easy_setopt(c.handle(), CURLOPT_CAINFO, dir_.file("ca.pem").c_str());
        const auto r = c.post(https_url(host), "secure");
        ASSERT_EQ(r.code, CURLE_OK) << host << ": " << curl_easy_strerror(r.code);
        EXPECT_EQ(r.status, 200);
    }
    const auto records = wait_requests(2);
    ASSERT_EQ(records.size(), 2u);
    const std::string port = *mock_->ready_value("https");
    expect_request(records[0], 1, 1, true, curl_headers("127.0.0.1:" + port, "text/plain", 6),
                   "secure", 200);
    expect_request(records[1], 2, 2, true, curl_headers("localhost:" + port, "text/plain", 6),
                   "secure", 200);
}

TEST_F(mock_http, untrusted_certificate_is_refused_by_verifying_curl) {
    start({"--tls-mode", "untrusted"});
    curl_client verifying;
    curl_easy_setopt(verifying.handle(), CURLOPT_CAINFO, dir_.file("ca.pem").c_str());
    EXPECT_EQ(verifying.post(https_url(), "x").code, CURLE_PEER_FAILED_VERIFICATION);
    // The certificate served is the untrusted CA's (not a broken TLS setup).
    curl_client trusting_untrusted;
    curl_easy_setopt(trusting_untrusted.handle(), CURLOPT_CAINFO,
                     dir_.file("untrusted-ca.pem").c_str());
    EXPECT_EQ(trusting_untrusted.post(https_url(), "y").code, CURLE_OK);
    // Falco's `insecure: true` (VERIFYPEER=0, VERIFYHOST=0) accepts it.
    curl_client insecure;
    curl_easy_setopt(insecure.handle(), CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(insecure.handle(), CURLOPT_SSL_VERIFYHOST, 0L);
    EXPECT_EQ(insecure.post(https_url(), "z").code, CURLE_OK);
    const auto records = wait_requests(2);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].body, "y");
    EXPECT_EQ(records[1].body, "z");
    EXPECT_EQ(mocks::read_http_connection_count(records_path()), 3u);
}

TEST_F(mock_http, mtls_accepts_the_client_certificate_and_refuses_none) {
    start({"--tls-mode", "mtls"});
    curl_client with_cert;
    curl_easy_setopt(with_cert.handle(), CURLOPT_CAINFO, dir_.file("ca.pem").c_str());
    curl_easy_setopt(with_cert.handle(), CURLOPT_SSLCERT, dir_.file("client.pem").c_str());
    curl_easy_setopt(with_cert.handle(), CURLOPT_SSLKEY, dir_.file("client-key.pem").c_str());
    const auto ok = with_cert.post(https_url(), "mtls");
    ASSERT_EQ(ok.code, CURLE_OK) << curl_easy_strerror(ok.code);
    EXPECT_EQ(ok.status, 200);

    curl_client without_cert;
    curl_easy_setopt(without_cert.handle(), CURLOPT_CAINFO, dir_.file("ca.pem").c_str());
    EXPECT_NE(without_cert.post(https_url(), "refused").code, CURLE_OK);

    const auto records = wait_requests(1);
    ASSERT_EQ(records.size(), 1u);
    expect_request(records[0], 1, 1, true, curl_headers(host_header("https"), "text/plain", 4),
                   "mtls", 200);
    // The refused connection was counted, and no request came through it.
    EXPECT_TRUE(mocks::wait_until(
        [&] { return mocks::read_http_connection_count(records_path()) == 2; }, 5s));
    EXPECT_EQ(mocks::read_http_records(records_path()).size(), 1u);
}

TEST_F(mock_http, status_faults_by_index_and_for_every_request) {
    std::ofstream(dir_.file("faults")) << "# comment\n3:status=404\n";
    start({"--fault", "*:status=204", "--fault", "2:status=503", "--faults", dir_.file("faults")});
    curl_client c;
    EXPECT_EQ(c.post(http_url(), "1").status, 204);
    EXPECT_EQ(c.post(http_url(), "2").status, 503);
    EXPECT_EQ(c.post(http_url(), "3").status, 404);
    EXPECT_EQ(c.post(http_url(), "4").status, 204);
    const auto records = wait_requests(4);
    ASSERT_EQ(records.size(), 4u);
    const int want[] = {204, 503, 404, 204};
    for (std::size_t i = 0; i < 4; ++i) {
        expect_request(records[i], i + 1, 1, false,
                       curl_headers(host_header("http"), "text/plain", 1), std::to_string(i + 1),
                       want[i]);
    }
}

TEST_F(mock_http, delay_fault) {
    start({"--fault", "1:delay_ms=300"});
    curl_client c;
    const auto r = c.post(http_url(), "slow");
    ASSERT_EQ(r.code, CURLE_OK);
    EXPECT_GE(r.elapsed, 300ms);
    ASSERT_EQ(c.post(http_url(), "fast").code, CURLE_OK);
    const auto records = wait_requests(2);
    ASSERT_EQ(records.size(), 2u);
    expect_request(records[0], 1, 1, false, curl_headers(host_header("http"), "text/plain", 4),
                   "slow", 200);
    EXPECT_EQ(records[0].delay_ms, 300);
    expect_request(records[1], 2, 1, false, curl_headers(host_header("http"), "text/plain", 4),
                   "fast", 200);
    EXPECT_EQ(records[1].delay_ms, std::nullopt);
}

TEST_F(mock_http, close_fault_drops_the_connection_without_answer) {
    start({"--fault", "1:close"});
    curl_client c;
    const auto r = c.post(http_url(), "dropped");
    EXPECT_EQ(r.code, CURLE_GOT_NOTHING);
    const auto records = wait_requests(1);
    ASSERT_EQ(records.size(), 1u);
    expect_request(records[0], 1, 1, false, curl_headers(host_header("http"), "text/plain", 7),
                   "dropped", 0, "close");
    // The next request needs (and gets) a new connection.
    EXPECT_EQ(c.post(http_url(), "next").status, 200);
    EXPECT_EQ(mocks::read_http_connection_count(records_path()), 2u);
}

TEST_F(mock_http, hang_fault_never_answers_and_sigterm_still_stops_promptly) {
    start({"--fault", "1:hang", "--fault", "2:hang"});
    curl_client timing_out;
    curl_easy_setopt(timing_out.handle(), CURLOPT_TIMEOUT_MS, 1000L);
    EXPECT_EQ(timing_out.post(http_url(), "h1").code, CURLE_OPERATION_TIMEDOUT);

    // A client still waiting when the mock is told to stop.
    curl_result waiting;
    std::thread t([&] {
        curl_client c;
        waiting = c.post(http_url(), "h2");
    });
    const auto records = wait_requests(2);
    ASSERT_EQ(records.size(), 2u);
    expect_request(records[0], 1, 1, false, curl_headers(host_header("http"), "text/plain", 2),
                   "h1", 0, "hang");
    expect_request(records[1], 2, 2, false, curl_headers(host_header("http"), "text/plain", 2),
                   "h2", 0, "hang");
    const auto before = std::chrono::steady_clock::now();
    EXPECT_EQ(mock_->stop(), 0);
    t.join();
    // stop() would SIGKILL after 10 s; a prompt stop is far below that.
    EXPECT_LT(std::chrono::steady_clock::now() - before, 5s);
    EXPECT_NE(waiting.code, CURLE_OK);
}

TEST_F(mock_http, hold_fault_answers_once_sigusr1_releases_the_server) {
    start({"--fault", "1:hold", "--fault", "2:hold", "--fault", "2:status=503"});
    std::atomic<bool> answered{false};
    curl_result held;
    std::thread t([&] {
        curl_client c;
        held = c.post(http_url(), "held");
        answered = true;
    });
    // Negative assertion: during an explicit 300 ms window the held request gets no answer and
    // no record (a record is written when a request is answered).
    std::this_thread::sleep_for(300ms);
    EXPECT_FALSE(answered.load());
    EXPECT_TRUE(mocks::read_http_records(records_path()).empty());

    ASSERT_EQ(::kill(mock_->pid(), SIGUSR1), 0);
    t.join();
    EXPECT_EQ(held.code, CURLE_OK);
    EXPECT_EQ(held.status, 200);
    // Once released, nothing is held: request 2's other fault still applies.
    curl_client c;
    EXPECT_EQ(c.post(http_url(), "after").status, 503);
    const auto records = wait_requests(2);
    ASSERT_EQ(records.size(), 2u);
    expect_request(records[0], 1, 1, false, curl_headers(host_header("http"), "text/plain", 4),
                   "held", 200, "hold");
    expect_request(records[1], 2, 2, false, curl_headers(host_header("http"), "text/plain", 5),
                   "after", 503, "hold");
}

TEST_F(mock_http, held_request_ends_when_the_mock_stops) {
    start({"--fault", "1:hold"});
    curl_result waiting;
    std::thread t([&] {
        curl_client c;
        waiting = c.post(http_url(), "never released");
    });
    ASSERT_TRUE(mocks::wait_until(
        [&] { return mocks::read_http_connection_count(records_path()) >= 1; }, 5s));
    EXPECT_EQ(mock_->stop(), 0);
    t.join();
    EXPECT_NE(waiting.code, CURLE_OK);
}

TEST_F(mock_http, connection_reuse_is_counted) {
    start({});
    {
        // More requests than cpp-httplib's default keep-alive maximum (5): still one connection.
        curl_client reused;
        for (int i = 0; i < 12; ++i) {
            ASSERT_EQ(reused.post(http_url(), "r").code, CURLE_OK);
        }
    }
    for (int i = 0; i < 3; ++i) {
        curl_client fresh;
        ASSERT_EQ(fresh.post(http_url(), "n").code, CURLE_OK);
    }
    const auto records = wait_requests(15);
    ASSERT_EQ(records.size(), 15u);
    for (std::size_t i = 0; i < 12; ++i) {
        EXPECT_EQ(records[i].conn_id, 1u) << i;
    }
    for (std::size_t i = 12; i < 15; ++i) {
        EXPECT_EQ(records[i].conn_id, i - 10) << i;
    }
    EXPECT_EQ(mocks::read_http_connection_count(records_path()), 4u);
}

TEST_F(mock_http, response_body_for_echo) {
    start({"--response-body", "echoed text"});
    curl_client c;
    const auto r = c.post(http_url(), "x");
    ASSERT_EQ(r.code, CURLE_OK);
    EXPECT_EQ(r.body, "echoed text");
}

// libcurl 7.88 sends `Expect: 100-continue` only above 1 MiB, as curl 8.7.1 does
// (docs/spec/0.44.md#http.expect): the mock answers 100 and gets the whole body.
TEST_F(mock_http, large_body_with_expect_continue) {
    start({});
    curl_client c;
    std::string body(2 * 1024 * 1024, 'b');
    body.back() = '\n';
    // Without a "100 Continue" curl would wait this long before sending the body anyway.
    curl_easy_setopt(c.handle(), CURLOPT_EXPECT_100_TIMEOUT_MS, 20000L);
    const auto r = c.post(http_url(), body);
    ASSERT_EQ(r.code, CURLE_OK);
    EXPECT_LT(r.elapsed, 20s);
    const auto records = wait_requests(1);
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].header("Expect"), "100-continue");
    EXPECT_EQ(records[0].body, body);
}

TEST(mock_http_cli, bad_arguments_exit2_naming_the_argument) {
    test_dir dir;
    const auto fails = [](std::vector<std::string> argv, const std::string& message) {
        argv.insert(argv.begin(), mocks::mock_http_path());
        mocks::testing::expect_start_failure(argv, message);
    };
    const std::string out = dir.file("r");
    fails({"--out", out, "--fault", "x:close"},
          "invalid value for --fault: 'x:close' (invalid value for the request index");
    fails({"--out", out, "--fault", "1:explode"}, "invalid value for --fault: '1:explode'");
    fails({"--out", out, "--fault", "1:status=99"}, "invalid value for --fault: '1:status=99'");
    fails({"--out", out, "--tls-mode", "weird"}, "invalid value for --tls-mode: 'weird'");
    fails({"--out", out, "--https"}, "--https needs --cert-dir DIR");
    fails({"--http"}, "missing required argument --out");
    fails({"--out", out, "--faults", dir.file("none")}, "--faults " + dir.file("none"));
}

}  // namespace
