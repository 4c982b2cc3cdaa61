// libxml2, loaded when the first document is parsed rather than when byline starts.
//
// Linked the usual way, libxml2 brings ICU (and its 30 MB data library), liblzma and zlib
// into every run: mapping them and resolving the program's symbols past them was some
// 2 ms of each start, though most runs (the reader on a saved library, a refetch whose
// feeds all answer 304 Not Modified) never parse a document. These definitions of the
// few libxml2 functions byline calls stand in for the library's own, as Sources/CCurl's
// do for libcurl: the first call opens libxml2 with dlopen, and each forwards to the real
// function.
#include "shim.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct {
    void (*init_parser)(void);
    xmlParserCtxtPtr (*new_parser_ctxt)(void);
    void (*free_parser_ctxt)(xmlParserCtxtPtr);
    xmlDocPtr (*ctxt_read_memory)(xmlParserCtxtPtr, const char *, int, const char *, const char *, int);
    xmlErrorPtr (*ctxt_get_last_error)(void *);
    xmlDocPtr (*read_memory)(const char *, int, const char *, const char *, int);
    htmlDocPtr (*html_read_memory)(const char *, int, const char *, const char *, int);
    void (*free_doc)(xmlDocPtr);
    xmlNodePtr (*doc_get_root_element)(const xmlDoc *);
    long (*get_line_no)(const xmlNode *);
    xmlEntityPtr (*get_doc_entity)(const xmlDoc *, const xmlChar *);
    xmlChar *(*node_get_content)(const xmlNode *);
    void (*reset_last_error)(void);
    xmlErrorPtr (*get_last_error)(void);
} xml;
static int loaded;
static char problem[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    static const char *const names[] = {
#ifdef __APPLE__
        "libxml2.2.dylib", "libxml2.dylib",
#else
        "libxml2.so.2", "libxml2.so",
#endif
    };
    void *library = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && library == NULL; i++) {
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(problem, sizeof problem, "libxml2 (%s) could not be loaded: %s", names[0],
                 reason ? reason : "not found");
        // dlerror's text ends a line of ours: no line break of its own.
        problem[strcspn(problem, "\r\n")] = 0;
        return;
    }
    *(void **)&xml.init_parser = dlsym(library, "xmlInitParser");
    *(void **)&xml.new_parser_ctxt = dlsym(library, "xmlNewParserCtxt");
    *(void **)&xml.free_parser_ctxt = dlsym(library, "xmlFreeParserCtxt");
    *(void **)&xml.ctxt_read_memory = dlsym(library, "xmlCtxtReadMemory");
    *(void **)&xml.ctxt_get_last_error = dlsym(library, "xmlCtxtGetLastError");
    *(void **)&xml.read_memory = dlsym(library, "xmlReadMemory");
    *(void **)&xml.html_read_memory = dlsym(library, "htmlReadMemory");
    *(void **)&xml.free_doc = dlsym(library, "xmlFreeDoc");
    *(void **)&xml.doc_get_root_element = dlsym(library, "xmlDocGetRootElement");
    *(void **)&xml.get_line_no = dlsym(library, "xmlGetLineNo");
    *(void **)&xml.get_doc_entity = dlsym(library, "xmlGetDocEntity");
    *(void **)&xml.node_get_content = dlsym(library, "xmlNodeGetContent");
    *(void **)&xml.reset_last_error = dlsym(library, "xmlResetLastError");
    *(void **)&xml.get_last_error = dlsym(library, "xmlGetLastError");
    loaded = xml.init_parser && xml.new_parser_ctxt && xml.free_parser_ctxt && xml.ctxt_read_memory
        && xml.ctxt_get_last_error && xml.read_memory && xml.html_read_memory && xml.free_doc
        && xml.doc_get_root_element && xml.get_line_no && xml.get_doc_entity && xml.node_get_content
        && xml.reset_last_error && xml.get_last_error;
    if (!loaded) snprintf(problem, sizeof problem, "libxml2 (%s) could not be loaded: a function is missing", names[0]);
}

static int ready(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *byline_libxml2_problem(void) { return ready() ? NULL : problem; }

void xmlInitParser(void) {
    if (ready()) xml.init_parser();
}

// NULL when libxml2 cannot be loaded, as when it is out of memory.
xmlParserCtxtPtr xmlNewParserCtxt(void) { return ready() ? xml.new_parser_ctxt() : NULL; }

void xmlFreeParserCtxt(xmlParserCtxtPtr context) {
    if (ready()) xml.free_parser_ctxt(context);
}

xmlDocPtr xmlCtxtReadMemory(xmlParserCtxtPtr context, const char *buffer, int size, const char *url,
                            const char *encoding, int options) {
    return ready() ? xml.ctxt_read_memory(context, buffer, size, url, encoding, options) : NULL;
}

xmlErrorPtr xmlCtxtGetLastError(void *context) { return ready() ? xml.ctxt_get_last_error(context) : NULL; }

xmlDocPtr xmlReadMemory(const char *buffer, int size, const char *url, const char *encoding, int options) {
    return ready() ? xml.read_memory(buffer, size, url, encoding, options) : NULL;
}

htmlDocPtr htmlReadMemory(const char *buffer, int size, const char *url, const char *encoding, int options) {
    return ready() ? xml.html_read_memory(buffer, size, url, encoding, options) : NULL;
}

void xmlFreeDoc(xmlDocPtr document) {
    if (ready()) xml.free_doc(document);
}

xmlNodePtr xmlDocGetRootElement(const xmlDoc *document) { return ready() ? xml.doc_get_root_element(document) : NULL; }

long xmlGetLineNo(const xmlNode *node) { return ready() ? xml.get_line_no(node) : -1; }

xmlEntityPtr xmlGetDocEntity(const xmlDoc *document, const xmlChar *name) {
    return ready() ? xml.get_doc_entity(document, name) : NULL;
}

xmlChar *xmlNodeGetContent(const xmlNode *node) { return ready() ? xml.node_get_content(node) : NULL; }

void xmlResetLastError(void) {
    if (ready()) xml.reset_last_error();
}

xmlErrorPtr xmlGetLastError(void) { return ready() ? xml.get_last_error() : NULL; }
