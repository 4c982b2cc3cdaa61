// libcurl, loaded when the first transfer starts rather than when byline starts.
//
// Linked the usual way, libcurl brings some twenty libraries into every run (TLS, GSSAPI,
// LDAP, SSH, IDN, …): mapping and relocating them alone makes some 6 MiB of the reader's
// memory, for a program that mostly reads stories already saved. These definitions of the
// few libcurl functions byline calls stand in for the library's own: the first call opens
// libcurl with dlopen, and each forwards to the real function.
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    void (*easy_reset)(CURL *);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_cleanup)(CURLM *);
    CURLMcode (*multi_add_handle)(CURLM *, CURL *);
    CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
    CURLMcode (*multi_perform)(CURLM *, int *);
    CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned int, int, int *);
    CURLMcode (*multi_wakeup)(CURLM *);
    CURLMcode (*multi_timeout)(CURLM *, long *);
    CURLMsg *(*multi_info_read)(CURLM *, int *);
} curl;
static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    static const char *const names[] = {
#ifdef __APPLE__
        "libcurl.4.dylib", "libcurl.dylib",
#else
        "libcurl.so.4", "libcurl.so",
#endif
    };
    void *library = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && library == NULL; i++) {
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (library == NULL) return;
    *(void **)&curl.global_init = dlsym(library, "curl_global_init");
    *(void **)&curl.easy_init = dlsym(library, "curl_easy_init");
    *(void **)&curl.easy_cleanup = dlsym(library, "curl_easy_cleanup");
    *(void **)&curl.easy_strerror = dlsym(library, "curl_easy_strerror");
    *(void **)&curl.easy_setopt = dlsym(library, "curl_easy_setopt");
    *(void **)&curl.easy_getinfo = dlsym(library, "curl_easy_getinfo");
    *(void **)&curl.slist_append = dlsym(library, "curl_slist_append");
    *(void **)&curl.slist_free_all = dlsym(library, "curl_slist_free_all");
    *(void **)&curl.easy_reset = dlsym(library, "curl_easy_reset");
    *(void **)&curl.multi_init = dlsym(library, "curl_multi_init");
    *(void **)&curl.multi_cleanup = dlsym(library, "curl_multi_cleanup");
    *(void **)&curl.multi_add_handle = dlsym(library, "curl_multi_add_handle");
    *(void **)&curl.multi_remove_handle = dlsym(library, "curl_multi_remove_handle");
    *(void **)&curl.multi_perform = dlsym(library, "curl_multi_perform");
    *(void **)&curl.multi_poll = dlsym(library, "curl_multi_poll");
    *(void **)&curl.multi_wakeup = dlsym(library, "curl_multi_wakeup");
    *(void **)&curl.multi_timeout = dlsym(library, "curl_multi_timeout");
    *(void **)&curl.multi_info_read = dlsym(library, "curl_multi_info_read");
    // curl_multi_poll and curl_multi_wakeup came with libcurl 7.68 (2020).
    loaded = curl.global_init && curl.easy_init && curl.easy_cleanup && curl.easy_strerror
        && curl.easy_setopt && curl.easy_getinfo && curl.slist_append && curl.slist_free_all && curl.easy_reset
        && curl.multi_init && curl.multi_cleanup && curl.multi_add_handle && curl.multi_remove_handle
        && curl.multi_perform && curl.multi_poll && curl.multi_wakeup && curl.multi_timeout && curl.multi_info_read;
}

static int ready(void) {
    pthread_once(&once, load);
    return loaded;
}

// NULL when libcurl cannot be loaded: the caller reports that no transfer could start.
CURL *curl_easy_init(void) { return ready() ? curl.easy_init() : NULL; }

void curl_easy_cleanup(CURL *handle) {
    if (ready()) curl.easy_cleanup(handle);
}

const char *curl_easy_strerror(CURLcode code) {
    return ready() ? curl.easy_strerror(code) : "libcurl (libcurl.so.4) could not be loaded";
}

// Each option takes one argument, of the type its number's range says (curl.h's
// CURLOPTTYPE_*): read as that type, passed on as that type.
CURLcode curl_easy_setopt(CURL *handle, CURLoption option, ...) {
    if (!ready()) return CURLE_FAILED_INIT;
    va_list arguments;
    va_start(arguments, option);
    CURLcode result;
    if (option < CURLOPTTYPE_OBJECTPOINT) {
        result = curl.easy_setopt(handle, option, va_arg(arguments, long));
    } else if (option >= CURLOPTTYPE_OFF_T && option < CURLOPTTYPE_BLOB) {
        result = curl.easy_setopt(handle, option, va_arg(arguments, curl_off_t));
    } else {
        // Object, string, list, callback and blob pointers (a function pointer is passed
        // as a pointer-sized value on every platform byline runs on).
        result = curl.easy_setopt(handle, option, va_arg(arguments, void *));
    }
    va_end(arguments);
    return result;
}

// Every piece of information is written through one pointer.
CURLcode curl_easy_getinfo(CURL *handle, CURLINFO info, ...) {
    if (!ready()) return CURLE_FAILED_INIT;
    va_list arguments;
    va_start(arguments, info);
    CURLcode result = curl.easy_getinfo(handle, info, va_arg(arguments, void *));
    va_end(arguments);
    return result;
}

struct curl_slist *curl_slist_append(struct curl_slist *list, const char *text) {
    return ready() ? curl.slist_append(list, text) : NULL;
}

void curl_slist_free_all(struct curl_slist *list) {
    if (ready()) curl.slist_free_all(list);
}

void curl_easy_reset(CURL *handle) {
    if (ready()) curl.easy_reset(handle);
}

// NULL when libcurl cannot be loaded, as curl_easy_init.
CURLM *curl_multi_init(void) { return ready() ? curl.multi_init() : NULL; }

CURLMcode curl_multi_cleanup(CURLM *multi) { return ready() ? curl.multi_cleanup(multi) : CURLM_BAD_HANDLE; }

CURLMcode curl_multi_add_handle(CURLM *multi, CURL *handle) {
    return ready() ? curl.multi_add_handle(multi, handle) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_remove_handle(CURLM *multi, CURL *handle) {
    return ready() ? curl.multi_remove_handle(multi, handle) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_perform(CURLM *multi, int *running) {
    return ready() ? curl.multi_perform(multi, running) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_poll(CURLM *multi, struct curl_waitfd *extra, unsigned int count, int milliseconds, int *ready_count) {
    return ready() ? curl.multi_poll(multi, extra, count, milliseconds, ready_count) : CURLM_BAD_HANDLE;
}

CURLMcode curl_multi_wakeup(CURLM *multi) { return ready() ? curl.multi_wakeup(multi) : CURLM_BAD_HANDLE; }

CURLMcode curl_multi_timeout(CURLM *multi, long *milliseconds) {
    return ready() ? curl.multi_timeout(multi, milliseconds) : CURLM_BAD_HANDLE;
}

CURLMsg *curl_multi_info_read(CURLM *multi, int *left) { return ready() ? curl.multi_info_read(multi, left) : NULL; }

// libcurl's global set-up is not thread-safe: it runs once, and every caller waits for it.
static pthread_once_t set_up_once = PTHREAD_ONCE_INIT;

static void set_up(void) {
    if (ready()) curl.global_init(CURL_GLOBAL_ALL);
}

void byline_curl_set_up(void) { pthread_once(&set_up_once, set_up); }

static void *set_up_thread(void *unused) {
    (void)unused;
    byline_curl_set_up();
    return NULL;
}

static void start_thread(void) {
    pthread_attr_t attributes;
    pthread_t thread;
    if (pthread_attr_init(&attributes) != 0) return;  // the first transfer sets libcurl up instead
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_create(&thread, &attributes, set_up_thread, NULL);
    pthread_attr_destroy(&attributes);
}

// Loading libcurl with the twenty libraries it brings and setting up TLS takes some 7 ms:
// begun on a thread of its own, it happens beside the fetch's own start instead of before
// its first request, which waits for it only if it is not yet done.
void byline_curl_prepare(void) {
    static pthread_once_t started = PTHREAD_ONCE_INIT;
    pthread_once(&started, start_thread);
}
