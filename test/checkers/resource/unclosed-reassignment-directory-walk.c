// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t

#include <dirent.h>
#include <stddef.h>

void walk_leaks(const char *const *paths, int n) {
  DIR *d = NULL;
  for (int i = 0; i < n; ++i) {
    d = opendir(paths[i]);
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'd' is overwritten while it may still hold an open directory stream; the previous directory stream leaks on some paths [resource-unclosed-reassignment]
    // CHECK-NOTES: :[[@LINE-2]]:9: note: 'd' was opened here in a previous loop iteration
    if (!d)
      continue;
    while (readdir(d) != NULL) {
    }
  }
}

void walk_closes(const char *const *paths, int n) {
  DIR *d = NULL;
  for (int i = 0; i < n; ++i) {
    d = opendir(paths[i]);
    if (!d)
      continue;
    while (readdir(d) != NULL) {
    }
    closedir(d);
  }
}
