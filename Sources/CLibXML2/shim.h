#ifndef BYLINE_CLIBXML2_SHIM_H
#define BYLINE_CLIBXML2_SHIM_H
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
#endif
