// Minimal declarations mirroring Windows' <winsock2.h> and <windows.h>.
#pragma once
typedef unsigned long long UINT_PTR;
typedef long long LONG_PTR;
typedef UINT_PTR SOCKET;
typedef void *HANDLE;
typedef unsigned long DWORD;
typedef int BOOL;
typedef const char *LPCSTR;
typedef const unsigned short *LPCWSTR;
#define INVALID_SOCKET (SOCKET)(~0)
#define SOCKET_ERROR (-1)
#define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR)-1)
#define AF_INET 2
#define SOCK_STREAM 1
#define GENERIC_READ 0x80000000
#define OPEN_EXISTING 3
#ifdef __cplusplus
extern "C" {
#endif
SOCKET socket(int af, int type, int protocol);
SOCKET accept(SOCKET s, void *addr, int *addrlen);
int closesocket(SOCKET s);
int send(SOCKET s, const char *buf, int len, int flags);
int connect(SOCKET s, const void *name, int namelen);
HANDLE CreateFileA(LPCSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode, void *lpSecurityAttributes, DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes, HANDLE hTemplateFile);
HANDLE CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode, void *lpSecurityAttributes, DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes, HANDLE hTemplateFile);
BOOL CloseHandle(HANDLE hObject);
BOOL ReadFile(HANDLE hFile, void *lpBuffer, DWORD nNumberOfBytesToRead, DWORD *lpNumberOfBytesRead, void *lpOverlapped);
#ifdef __cplusplus
}
#endif
