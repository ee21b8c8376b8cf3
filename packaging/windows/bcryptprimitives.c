/* A stand-in for Windows' bcryptprimitives.dll, for running zhurnal.exe under Wine 8 only.
 *
 * Rust's standard library (1.78 and later) asks bcryptprimitives.dll for ProcessPrng, which
 * Windows 10 and 11 have and Wine 8 (Debian 12's wine64) lacks, so without this file the exe does
 * not start under Wine at all. The smoke test (smoke-wine.sh) builds this DLL with mingw-w64 and
 * puts it beside the exe it runs; ProcessPrng is answered with RtlGenRandom (advapi32's
 * SystemFunction036), which Wine has. It is never shipped: the installer leaves it out and real
 * Windows uses its own bcryptprimitives.dll. Newer Wine (9 and later) has ProcessPrng itself. */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
    if (!RtlGenRandom(data, n)) return FALSE;
    data += n;
    len -= n;
  }
  return TRUE;
}
