#!/usr/bin/env python3
"""Checks that a Windows exe carries an icon and version information, as build.rs puts them in:
    python3 check-resources.py zhurnal.exe 0.1.0 [--product "Журнал (Zhurnal)"]
Reads the PE resource directory (no Windows needed); exits 1 naming what is missing."""
import struct
import sys

RT_ICON, RT_GROUP_ICON, RT_VERSION = 3, 14, 16


def main():
    path, version = sys.argv[1], sys.argv[2]
    data = open(path, "rb").read()
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        sys.exit(f"{path}: not a PE file")
    sections = struct.unpack_from("<H", data, pe + 6)[0]
    opt_size = struct.unpack_from("<H", data, pe + 20)[0]
    table = pe + 24 + opt_size
    rsrc = None
    for i in range(sections):
        name, _vsize, vaddr, rawsize, rawptr = struct.unpack_from("<8sIIII", data, table + 40 * i)
        if name.rstrip(b"\0") == b".rsrc":
            rsrc = data[rawptr:rawptr + rawsize]
    if rsrc is None:
        sys.exit(f"{path}: no resources at all (.rsrc): no icon, no version information")
    named, ids = struct.unpack_from("<HH", rsrc, 12)
    types = {struct.unpack_from("<I", rsrc, 16 + 8 * i)[0] for i in range(named + ids)}
    missing = [n for t, n in [(RT_ICON, "icon"), (RT_GROUP_ICON, "icon group"),
                              (RT_VERSION, "version information")] if t not in types]
    want = ("ProductVersion\0" + version).encode("utf-16-le")
    if RT_VERSION in types and want not in rsrc:
        missing.append(f"ProductVersion {version}")
    if missing:
        sys.exit(f"{path}: missing {', '.join(missing)}")
    print(f"{path}: icon and version information {version} present")


main()
