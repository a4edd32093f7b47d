/* Texts of the CIB result codes, worded as heartbeat 2.x / Pacemaker 1.0's
 * cib_error2string worded them (the tools print them after "Call failed: "
 * or "Error performing operation: "). */
#include "cib/cib_doc.h"

const char *cib_strerror(int rc)
{
	switch (rc) {
	case CIB_OK: return "ok";
	case CIB_E_OPERATION: return "invalid operation";
	case CIB_E_NOT_CONNECTED: return "not connected";
	case CIB_E_CONNECTION: return "connection failed";
	case CIB_E_MISSING: return "cib object missing";
	case CIB_E_MISSING_FIELD: return "A required field is missing";
	case CIB_E_STALE: return "Discarded old update";
	case CIB_E_EXISTS: return "The object already exists";
	case CIB_E_NOTEXISTS: return "The object/attribute does not exist";
	case CIB_E_NOSECTION: return "Required section was missing";
	case CIB_E_NOOBJECT: return "Required object was missing";
	case CIB_E_NOPARENT: return "The parent object does not exist";
	case CIB_E_NOTSUPPORTED: return "The action/feature is not supported";
	case CIB_E_MISSING_DATA: return "Required data for this CIB API call not found";
	case CIB_E_DIFF_FAILED: return "Application of an update diff failed";
	case CIB_E_DIFF_RESYNC: return "Application of an update diff failed, requesting a full refresh";
	case CIB_E_OLD_DATA: return "Update was older than existing configuration";
	case CIB_E_DTD: return "Update does not conform to the configured schema/DTD";
	case CIB_E_BAD_SECTION: return "Invalid CIB section specified";
	case CIB_E_INVALID_ARG: return "Invalid argument";
	case CIB_E_PERMISSION: return "Permission Denied";
	}
	return "<unknown error>";
}
