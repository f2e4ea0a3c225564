/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* Errors of the connection parser. The message always names the place in the document
 * that is wrong, e.g. "items[3].auth.authType: expected a string". */
#define PB_PARSE_ERROR (pb_parse_error_quark ())

typedef enum
{
  PB_PARSE_ERROR_SYNTAX,    /* not JSON at all (or not UTF-8) */
  PB_PARSE_ERROR_STRUCTURE, /* JSON, but not the shape of the API (wrong type, missing member) */
} PbParseError;

GQuark pb_parse_error_quark (void);

/* Documents deeper than this (objects and arrays inside each other) are refused with
 * PB_PARSE_ERROR_SYNTAX. */
#define PB_PARSE_MAX_DEPTH 512

/* Kinds of systemType; the string itself is always kept as it came. */
typedef enum
{
  PB_SYSTEM_KIND_OTHER,
  PB_SYSTEM_KIND_DATA_SYSTEM,
  PB_SYSTEM_KIND_DESTINATION,
} PbSystemKind;

#define PB_TYPE_SYSTEM_KIND (pb_system_kind_get_type ())
GType pb_system_kind_get_type (void);

/* Kinds of auth.authType; the string itself is always kept as it came. */
typedef enum
{
  PB_AUTH_KIND_OTHER,
  PB_AUTH_KIND_NONE,
  PB_AUTH_KIND_OAUTH,
} PbAuthKind;

#define PB_TYPE_AUTH_KIND (pb_auth_kind_get_type ())
GType pb_auth_kind_get_type (void);

/* A name/value row: custom headers, URL parameters, OAuth custom headers, form items.
 * For an item of unknown shape, name is NULL and value is its compact JSON text. */
#define PB_TYPE_NAME_VALUE (pb_name_value_get_type ())
G_DECLARE_FINAL_TYPE (PbNameValue, pb_name_value, PB, NAME_VALUE, GObject)

PbNameValue *pb_name_value_new       (const char  *name,
                                      const char  *value);
const char  *pb_name_value_get_name  (PbNameValue *self);
const char  *pb_name_value_get_value (PbNameValue *self);

/* One of inputMappings: a ${placeholder} of the URL or body. */
#define PB_TYPE_INPUT_MAPPING (pb_input_mapping_get_type ())
G_DECLARE_FINAL_TYPE (PbInputMapping, pb_input_mapping, PB, INPUT_MAPPING, GObject)

PbInputMapping *pb_input_mapping_new               (const char     *label,
                                                   const char     *key,
                                                   const char     *value_type,
                                                   const char     *example_value,
                                                   const char     *mapping);
const char     *pb_input_mapping_get_label         (PbInputMapping *self);
const char     *pb_input_mapping_get_key           (PbInputMapping *self);
const char     *pb_input_mapping_get_value_type    (PbInputMapping *self); /* JSON "type" */
const char     *pb_input_mapping_get_example_value (PbInputMapping *self);
const char     *pb_input_mapping_get_mapping       (PbInputMapping *self);

/* One of outputMappings: what a decision can read from the answer. */
#define PB_TYPE_OUTPUT_MAPPING (pb_output_mapping_get_type ())
G_DECLARE_FINAL_TYPE (PbOutputMapping, pb_output_mapping, PB, OUTPUT_MAPPING, GObject)

PbOutputMapping *pb_output_mapping_new                  (const char      *label,
                                                        const char      *output_reference,
                                                        const char      *value_type);
const char      *pb_output_mapping_get_label            (PbOutputMapping *self);
const char      *pb_output_mapping_get_output_reference (PbOutputMapping *self);
const char      *pb_output_mapping_get_value_type       (PbOutputMapping *self); /* JSON "type" */

/* The connection. Every property is read-only; strings are NULL when the field is missing or
 * null; integers are -1 when missing. The object as received is kept as compact JSON text.
 * The strings the getters return belong to the connection: they stay valid until the next
 * pb_connection_update_from() on it (which may replace them) or its finalization; copy them
 * to keep them longer. */
#define PB_TYPE_CONNECTION (pb_connection_get_type ())
G_DECLARE_FINAL_TYPE (PbConnection, pb_connection, PB, CONNECTION, GObject)

/* A single connection document: the answer of GET /v2/connections/{ref}. */
PbConnection *pb_connection_new_from_data      (const char   *data,
                                                gssize        length,
                                                GError      **error);
/* A list document: {"items": [...]} as GET /v2/connections answers. Returns a
 * GPtrArray of PbConnection (owning references). */
GPtrArray    *pb_connection_parse_list         (const char   *data,
                                                gssize        length,
                                                GError      **error);

/* Copies every value of `source` into `self` (same ref expected) and notifies each property
 * whose value changed, so that bound widgets update in place. */
void          pb_connection_update_from        (PbConnection *self,
                                                PbConnection *source);

const char   *pb_connection_get_ref                   (PbConnection *self);
const char   *pb_connection_get_href                  (PbConnection *self);
const char   *pb_connection_get_client_key            (PbConnection *self);
const char   *pb_connection_get_name                  (PbConnection *self);
const char   *pb_connection_get_description           (PbConnection *self);
const char   *pb_connection_get_modified_by_ref       (PbConnection *self);
const char   *pb_connection_get_modified_at_text      (PbConnection *self); /* as received */
GDateTime    *pb_connection_get_modified_at           (PbConnection *self); /* NULL if missing or unparsable */
gint64        pb_connection_get_revision              (PbConnection *self);
gboolean      pb_connection_get_archived              (PbConnection *self);
const char   *pb_connection_get_system_type           (PbConnection *self); /* as received */
PbSystemKind  pb_connection_get_system_kind           (PbConnection *self);
const char   *pb_connection_get_auth_type             (PbConnection *self); /* as received */
PbAuthKind    pb_connection_get_auth_kind             (PbConnection *self);
const char   *pb_connection_get_auth_client_id        (PbConnection *self);
const char   *pb_connection_get_auth_access_token_url (PbConnection *self);
gboolean      pb_connection_get_auth_use_mutual_tls   (PbConnection *self);
GListModel   *pb_connection_get_oauth_custom_headers  (PbConnection *self); /* of PbNameValue */
GListModel   *pb_connection_get_form_url_encoded_items(PbConnection *self); /* of PbNameValue */
const char   *pb_connection_get_request_type          (PbConnection *self); /* method */
const char   *pb_connection_get_connection_url        (PbConnection *self);
const char   *pb_connection_get_request_body          (PbConnection *self);
GListModel   *pb_connection_get_custom_headers        (PbConnection *self); /* of PbNameValue */
GListModel   *pb_connection_get_url_parameters        (PbConnection *self); /* of PbNameValue */
GListModel   *pb_connection_get_input_mappings        (PbConnection *self); /* of PbInputMapping */
GListModel   *pb_connection_get_output_mappings       (PbConnection *self); /* of PbOutputMapping */
const char   *pb_connection_get_example_value         (PbConnection *self);
gint64        pb_connection_get_connection_timeout    (PbConnection *self); /* ms */
gint64        pb_connection_get_socket_timeout        (PbConnection *self); /* ms */
const char   *pb_connection_get_icon                  (PbConnection *self);
const char   *pb_connection_get_json                  (PbConnection *self); /* compact, as received */
char         *pb_connection_dup_json_pretty           (PbConnection *self);

G_END_DECLS
