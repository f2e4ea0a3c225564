/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-connection-reader.h"
#include "pb-json.h"
#include "pb-mapping.h"
#include "pb-name-value.h"
#include "pb-types.h"

G_BEGIN_DECLS

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

/* The connection. Every property is read-only; strings are NULL when the field is missing or
 * null; integers are -1 when missing. A member of the wrong type (a number where a string
 * belongs, a revision or timeout that is not a whole number from 0 to 2^63 - 1, an "auth" that
 * is not an object, a table row that is not one…) reads as missing, and its place is listed in
 * pb_connection_get_unreadable_fields(); the JSON text keeps it as received. The object as received is kept as compact JSON text.
 * The strings the getters return belong to the connection: they stay valid until the next
 * pb_connection_update_from() on it (which may replace them) or its finalization; copy them
 * to keep them longer. Connections come from JSON text through pb-connection-reader.h. */
#define PB_TYPE_CONNECTION (pb_connection_get_type ())
G_DECLARE_FINAL_TYPE (PbConnection, pb_connection, PB, CONNECTION, GObject)

/* Copies every value of `source` into `self` (same ref expected) and notifies each property
 * whose value changed, so that bound widgets update in place. */
void          pb_connection_update_from        (PbConnection *self,
                                                PbConnection *source);
/* A worker thread reading a connection that the main thread may update in place (the list
 * shown, while its offline copy is written) holds this around its reads: the update waits. */
void          pb_connection_read_lock          (PbConnection *self);
void          pb_connection_read_unlock        (PbConnection *self);

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

/* What lists look at, made with the connection on the reader's worker thread: the search text
 * (name, description, ref, URL, system type and auth type as received, one a line, folded by
 * pb_search_fold()), and the collation key of the name ignoring case (compare with strcmp). */
const char   *pb_connection_get_search_text           (PbConnection *self);
const char   *pb_connection_get_name_key              (PbConnection *self);

/* The places of the members read as missing because their values have the wrong type, from
 * the connection on, in the order of the text: e.g. "revision", "request.connectionTimeout",
 * "customHeaders[2]", "inputMappings[0].key". Empty (never NULL) when there is none. */
const char * const *pb_connection_get_unreadable_fields (PbConnection *self);
gboolean      pb_connection_has_unreadable_fields     (PbConnection *self);
/* "1 connection has fields Plugboard cannot read" (translated), for a note on a list. */
char         *pb_connection_describe_unreadable       (guint         n_connections);

G_END_DECLS
