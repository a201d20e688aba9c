// RUN: %check_resource_tidy %s resource-unclosed-reassignment %t -- -- -isystem %S/Inputs/libs

#include <curl/curl.h>

void easy_handles(const char *url) {
  CURL *curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_perform(curl);
  curl = curl_easy_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'curl' is overwritten while it still holds an open curl easy handle; the previous handle leaks [resource-unclosed-reassignment]
  // CHECK-FIXES: {{^}}  curl_easy_cleanup(curl);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl = curl_easy_init();{{$}}
  CURL *copy = curl_easy_duphandle(curl);
  curl_easy_cleanup(curl);
  curl = copy;
  curl_easy_cleanup(curl);
}

void multi_and_url(void) {
  CURLM *multi = curl_multi_init();
  CURL *easy = curl_easy_init();
  curl_multi_add_handle(multi, easy);
  multi = curl_multi_init();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'multi' is overwritten while it still holds an open curl multi handle; the previous handle leaks
  curl_multi_cleanup(multi);
  curl_easy_cleanup(easy);
  CURLU *u = curl_url();
  curl_url_set(u, CURLUPART_URL, "https://example.com", 0);
  curl_url_cleanup(u);
  u = curl_url();
  curl_url_cleanup(u);
}
