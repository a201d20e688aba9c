// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

void streams(void) {
  FILE *fp = fopen("a", "r");
  fp = tmpfile();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fp' is overwritten while it still holds an open FILE stream; the previous stream leaks
  // CHECK-FIXES: {{^}}  if (fp) fclose(fp);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  fp = tmpfile();{{$}}
  if (fp)
    fclose(fp);
}

void pipes(void) {
  FILE *p = popen("ls", "r");
  p = popen("pwd", "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p' is overwritten while it still holds an open process stream; the previous stream leaks
  // CHECK-FIXES: {{^}}  if (p) pclose(p);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  p = popen("pwd", "r");{{$}}
  if (p)
    pclose(p);
  p = popen("id", "r");
}

void directories(int dirfd) {
  DIR *d = opendir(".");
  d = fdopendir(dirfd);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'd' is overwritten while it still holds an open directory stream; the previous directory stream leaks
  // CHECK-FIXES: {{^}}  if (d) closedir(d);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  d = fdopendir(dirfd);{{$}}
  if (d)
    closedir(d);
  d = opendir("..");
  if (d)
    closedir(d);
}

// fdopen() takes the descriptor over: closing the stream closes it.
void fdopen_takes_ownership(void) {
  int fd = open("a", O_RDONLY);
  FILE *fp = fdopen(fd, "r");
  fd = open("b", O_RDONLY);
  close(fd);
  fp = fdopen(fd, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'fp' is overwritten while it still holds an open FILE stream; the previous stream leaks
  if (fp)
    fclose(fp);
}
