// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs

#include <winsock2.h>

// socket() returning SOCKET is Winsock's: closesocket and INVALID_SOCKET.
void winsock(void) {
  SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
  if (s == INVALID_SOCKET)
    s = socket(AF_INET, SOCK_STREAM, 0);
  connect(s, 0, 0);
  s = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 's' is overwritten while it still holds an open socket; the previous socket leaks [resource-unclosed-reassignment]
  // closesocket(INVALID_SOCKET) is harmless: no guard.
  // CHECK-FIXES: {{^}}  connect(s, 0, 0);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  closesocket(s);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  s = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  if (s != INVALID_SOCKET)
    closesocket(s);
  s = accept(s, 0, 0);
}

// A path known to hold INVALID_SOCKET gets the sentinel guard.
void winsock_known_invalid(int retry) {
  SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
  if (s == INVALID_SOCKET && !retry)
    return;
  s = socket(AF_INET, SOCK_STREAM, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 's' is overwritten while it still holds an open socket
  // CHECK-FIXES: {{^}}  if (s != INVALID_SOCKET) closesocket(s);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  s = socket(AF_INET, SOCK_STREAM, 0);{{$}}
  closesocket(s);
}

void files(void) {
  HANDLE h = CreateFileA("a.txt", GENERIC_READ, 0, 0, OPEN_EXISTING, 0, 0);
  if (h == INVALID_HANDLE_VALUE)
    return;
  h = CreateFileA("b.txt", GENERIC_READ, 0, 0, OPEN_EXISTING, 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'h' is overwritten while it still holds an open file handle; the previous handle leaks
  // CHECK-FIXES: {{^}}  CloseHandle(h);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  h = CreateFileA("b.txt", GENERIC_READ, 0, 0, OPEN_EXISTING, 0, 0);{{$}}
  if (h != INVALID_HANDLE_VALUE)
    CloseHandle(h);
  h = CreateFileW(0, GENERIC_READ, 0, 0, OPEN_EXISTING, 0, 0);
  CloseHandle(h);
}
