// SPDX-License-Identifier: Apache-2.0
#include "falco_ref/channels/syslog_channel.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "falco_ref/logger.hpp"

namespace falco_ref {
namespace {

constexpr const char* k_dev_log = "/dev/log";  // _PATH_LOG, where glibc's syslog(3) sends

bool try_connect(const std::string& path, int type, int* err) {
    const int fd = ::socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *err = errno;
        return false;
    }
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
    const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) == 0;
    *err = ok ? 0 : errno;
    ::close(fd);
    return ok;
}

}  // namespace

syslog_channel::syslog_channel(const config& /*cfg*/) {
    // Without LOG_NDELAY glibc connects lazily at the first message, as Falco's does.
    ::openlog("falco", 0, LOG_USER);
    if (!can_connect(k_dev_log, &unreachable_)) {
        log(log_level::error, std::string("syslog: cannot connect to ") + k_dev_log + " (" +
                                  unreachable_ + "); syslog messages will be lost");
    }
}

bool syslog_channel::can_connect(const std::string& path, std::string* error) {
    int err = 0;
    // glibc's openlog_internal: SOCK_DGRAM first, SOCK_STREAM when the socket is a stream one.
    if (try_connect(path, SOCK_DGRAM, &err)) {
        return true;
    }
    if (err == EPROTOTYPE && try_connect(path, SOCK_STREAM, &err)) {
        return true;
    }
    *error = std::strerror(err);
    return false;
}

channel_outcome syslog_channel::deliver(const output_message& msg) {
    // falco@0.44.1:userspace/falco/outputs_syslog.cpp:21-24: the body through "%s", never as
    // the format; the facility comes from openlog (LOG_USER).
    ::syslog(syslog_level(msg.prio), "%s", msg.syslog_body().c_str());
    // syslog(3) reports nothing; only a socket known to be missing tells us the message is lost.
    if (!unreachable_.empty() && !can_connect(k_dev_log, &unreachable_)) {
        return channel_outcome::failed(
            std::string("cannot connect to ") + k_dev_log + " (" + unreachable_ + ")",
            channel_outcome::report::unnoticed);
    }
    unreachable_.clear();
    return channel_outcome::done();
}

}  // namespace falco_ref
