#ifndef BYLINE_CLIBXML2_SHIM_H
#define BYLINE_CLIBXML2_SHIM_H
// libxml2's headers, read through `libxml`, a link beside this file to the system's
// /usr/include/libxml2/libxml: this folder is on the include path of every target that
// imports CLibXML2, where libxml2's own folder (pkg-config's cflags) would only be by
// linking libxml2 too, and byline loads it on first use instead (lazy.c).
//
// libxml2's headers pull in the system ICU when it was built with it, and those ICU
// declarations clash with the ICU inside Foundation in any Swift file that imports both.
// Byline uses no ICU-dependent libxml2 API, so the headers are read without it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>

// NULL once libxml2 is loaded (loading it if it is not yet); otherwise why it could not
// be, as one line naming the library. Every libxml2 function byline calls gives NULL (or
// does nothing) while libxml2 cannot be loaded.
const char *byline_libxml2_problem(void);
#endif
