// libxml2's SAX2 push parser, read directly: FoundationXML's XMLParser wraps the same
// library but costs about ten times as much per element.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, whose headers clash with Foundation's own copy of ICU.
// Bascule never touches an encoding handler's ICU converters (the only structure they
// change), so they are left out of the import.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
