#ifndef BYLINE_CCURL_SHIM_H
#define BYLINE_CCURL_SHIM_H
// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: these
// typed wrappers are how Swift sets options and reads results.
#include <curl/curl.h>

// Loads libcurl and runs its global set-up, once; a caller while another runs it waits.
void byline_curl_set_up(void);
// Starts `byline_curl_set_up` on a thread of its own, once per process (see lazy.c).
void byline_curl_prepare(void);

typedef size_t (*byline_curl_data_callback)(char *data, size_t size, size_t count, void *context);
typedef int (*byline_curl_progress_callback)(void *context, curl_off_t download_total, curl_off_t downloaded,
                                             curl_off_t upload_total, curl_off_t uploaded);

static inline CURLcode byline_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode byline_curl_set_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode byline_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode byline_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode byline_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode byline_curl_set_data_callback(CURL *handle, CURLoption option, byline_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode byline_curl_set_progress_callback(CURL *handle, byline_curl_progress_callback value) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}
static inline CURLcode byline_curl_get_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode byline_curl_get_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}
// The next finished transfer of `multi`: 1 with its handle and result, or 0 when none is
// left to report (CURLMsg's result sits in a union, which Swift reads awkwardly).
static inline int byline_curl_next_done(CURLM *multi, CURL **handle, CURLcode *result) {
    int left = 0;
    CURLMsg *message;
    while ((message = curl_multi_info_read(multi, &left)) != NULL) {
        if (message->msg == CURLMSG_DONE) {
            *handle = message->easy_handle;
            *result = message->data.result;
            return 1;
        }
    }
    return 0;
}
#endif
