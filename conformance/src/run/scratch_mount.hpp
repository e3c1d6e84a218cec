// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace conformance {

// The harness's own mount namespace, for the small file systems of `setup: tmpfs`
// (golden/README.md): a private copy of the host's mounts, entered once by main() before any
// thread starts. A tmpfs the harness mounts in a work directory is then seen by the harness and
// by the implementation (whose namespaces are copies of this one, so the same file system), never
// by the host, and it vanishes with the harness whatever happens to it.
void enter_own_mount_namespace();

// Why tmpfs cases cannot run in this process ("" when they can): not root, unshare refused, or
// enter_own_mount_namespace() never called (the harness's code used as a library).
const std::string& own_mount_namespace_unavailable();

// A tmpfs of `size` bytes mounted on `dir` (created when missing) for one case; unmounted by the
// destructor. Throws std::runtime_error naming the directory and the cause.
class tmpfs_mount {
public:
    tmpfs_mount(std::filesystem::path dir, std::uint64_t size);
    ~tmpfs_mount();
    tmpfs_mount(const tmpfs_mount&) = delete;
    tmpfs_mount& operator=(const tmpfs_mount&) = delete;

    // For --keep-workdir: unmounts now and leaves what the tmpfs held in the directory under it,
    // which outlives the harness (the tmpfs does not).
    void unmount_keeping_contents(const std::filesystem::path& scratch);

private:
    std::filesystem::path dir_;
    bool mounted_ = false;
};

}  // namespace conformance
