// SPDX-License-Identifier: Apache-2.0
#include "run/scratch_mount.hpp"

#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace conformance {

namespace fs = std::filesystem;

namespace {

std::string& namespace_state() {
    static std::string why = "the harness did not enter a mount namespace of its own";
    return why;
}

}  // namespace

void enter_own_mount_namespace() {
    auto& why = namespace_state();
    if (::geteuid() != 0) {
        why = "needs root (CAP_SYS_ADMIN) for a mount namespace of its own";
    } else if (::unshare(CLONE_NEWNS) != 0) {
        why = std::string("unshare(CLONE_NEWNS): ") + std::strerror(errno);
    } else if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        // Without this a mount could propagate back to the host's namespace.
        why = std::string("making / private: ") + std::strerror(errno);
    } else {
        why.clear();
    }
}

const std::string& own_mount_namespace_unavailable() {
    return namespace_state();
}

tmpfs_mount::tmpfs_mount(fs::path dir, std::uint64_t size) : dir_(std::move(dir)) {
    if (!own_mount_namespace_unavailable().empty()) {
        throw std::runtime_error("tmpfs " + dir_.string() + ": " +
                                 own_mount_namespace_unavailable());
    }
    std::error_code ec;
    fs::create_directories(dir_, ec);
    const auto options = "size=" + std::to_string(size) + ",mode=0755";
    if (ec || ::mount("tmpfs", dir_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
        throw std::runtime_error("tmpfs " + dir_.string() + ": " +
                                 (ec ? ec.message() : std::string(std::strerror(errno))));
    }
    mounted_ = true;
}

tmpfs_mount::~tmpfs_mount() {
    if (mounted_) {
        ::umount2(dir_.c_str(), MNT_DETACH);
    }
}

void tmpfs_mount::unmount_keeping_contents(const fs::path& scratch) {
    if (!mounted_) {
        return;
    }
    std::error_code ec;
    fs::copy(dir_, scratch, fs::copy_options::recursive, ec);
    ::umount2(dir_.c_str(), MNT_DETACH);
    mounted_ = false;
    fs::copy(scratch, dir_, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
    fs::remove_all(scratch, ec);
}

}  // namespace conformance
