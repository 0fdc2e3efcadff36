#!/usr/bin/env python3
"""Mounts DIR again at TARGET, read-only, with its owners shifted: on-disk uid/gid u shows as
BASE+u (u < COUNT). The overlay of a sandbox uses it as its lower layer, so the shared rootfs
cache stays owned by 0 while the container, in a user namespace starting at BASE, sees it as
its own. Linux 5.12+ (idmapped mounts); overlayfs takes idmapped lower layers from 5.19.

usage: idmap-mount.py DIR TARGET BASE COUNT
"""
import ctypes
import os
import sys

SYS_OPEN_TREE, SYS_MOVE_MOUNT, SYS_MOUNT_SETATTR = 428, 429, 442  # the same on every architecture
OPEN_TREE_CLONE, OPEN_TREE_CLOEXEC = 1, 0o2000000
AT_FDCWD, AT_EMPTY_PATH, AT_RECURSIVE = -100, 0x1000, 0x8000
MOVE_MOUNT_F_EMPTY_PATH = 0x4
MOUNT_ATTR_RDONLY, MOUNT_ATTR_IDMAP = 0x1, 0x100000
CLONE_NEWUSER = 0x10000000


class MountAttr(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]


def check(result, what):
    if result < 0:
        err = ctypes.get_errno()
        sys.exit(f"idmap-mount: {what}: {os.strerror(err)}")
    return result


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    source, target, base, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    # A user namespace holding the mapping: a child unshares one and waits; we write its maps.
    ready_r, ready_w = os.pipe()
    hold_r, hold_w = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(ready_r)
        os.close(hold_w)
        ok = libc.unshare(CLONE_NEWUSER) == 0
        os.write(ready_w, b"1" if ok else b"0")
        os.read(hold_r, 1)
        os._exit(0)
    os.close(ready_w)
    os.close(hold_r)
    try:
        if os.read(ready_r, 1) != b"1":
            sys.exit("idmap-mount: cannot create a user namespace (unshare CLONE_NEWUSER)")
        for name in ("uid_map", "gid_map"):
            with open(f"/proc/{child}/{name}", "w") as f:
                f.write(f"0 {base} {count}\n")
        userns = os.open(f"/proc/{child}/ns/user", os.O_RDONLY)
        tree = check(libc.syscall(SYS_OPEN_TREE, AT_FDCWD, source.encode(), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC), "open_tree " + source)
        attr = MountAttr(MOUNT_ATTR_IDMAP | MOUNT_ATTR_RDONLY, 0, 0, userns)
        check(libc.syscall(SYS_MOUNT_SETATTR, tree, b"", AT_EMPTY_PATH, ctypes.byref(attr), ctypes.sizeof(attr)), "mount_setattr (idmap)")
        check(libc.syscall(SYS_MOVE_MOUNT, tree, b"", AT_FDCWD, target.encode(), MOVE_MOUNT_F_EMPTY_PATH), "move_mount to " + target)
    finally:
        os.close(hold_w)
        os.waitpid(child, 0)


if __name__ == "__main__":
    main()
