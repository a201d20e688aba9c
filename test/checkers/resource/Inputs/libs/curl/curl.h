// Minimal declarations mirroring libcurl's <curl/curl.h>.
#pragma once
#ifdef __cplusplus
extern "C" {
#endif
typedef void CURL;
typedef void CURLM;
typedef struct Curl_URL CURLU;
typedef enum { CURLE_OK = 0 } CURLcode;
typedef enum { CURLM_OK = 0 } CURLMcode;
typedef enum { CURLUE_OK = 0 } CURLUcode;
typedef enum { CURLOPT_URL = 10002 } CURLoption;
typedef enum { CURLUPART_URL = 0 } CURLUPart;
CURL *curl_easy_init(void);
CURL *curl_easy_duphandle(CURL *curl);
CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...);
CURLcode curl_easy_perform(CURL *curl);
void curl_easy_cleanup(CURL *curl);
CURLM *curl_multi_init(void);
CURLMcode curl_multi_add_handle(CURLM *multi_handle, CURL *curl_handle);
CURLMcode curl_multi_cleanup(CURLM *multi_handle);
CURLU *curl_url(void);
CURLUcode curl_url_set(CURLU *handle, CURLUPart what, const char *part, unsigned int flags);
void curl_url_cleanup(CURLU *handle);
#ifdef __cplusplus
}
#endif
