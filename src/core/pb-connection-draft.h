/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* An editable copy of a connection: what the editor changes and what a write sends.
 *
 * A draft starts from a connection as received (Edit), from nothing (New Connection) or from a
 * copy of another (Duplicate). It keeps the object it started from as received, and the body it
 * gives (pb_connection_draft_dup_body()) is that object with the user's changes applied: every
 * member the user did not change, known or not, travels exactly as received (same text, numbers
 * included: 2^64 stays 18446744073709551616), in the order received; a changed member keeps its
 * place; a new member goes last. The rows of the tables keep their own unknown members too.
 *
 * Values are edited as text, as typed (timeouts too: "1000"; an empty text removes an optional
 * member); the draft never refuses a value: pb_connection_draft_check() says what is wrong.
 * A text typed back as it was received gives back the member as received. A timeout that is
 * not a number, or URL parameters that are not JSON, are kept as JSON strings until fixed.
 * Every change emits "changed".
 *
 * The OAuth client secret is never returned by the API: it is empty in every draft, and sent
 * (as auth.clientSecret) only when the user typed one. It lives in this object's memory only,
 * is wiped when replaced or finalized, and is never part of pb_connection_draft_dup_body()
 * with PB_DRAFT_BODY_MASKED. A draft made from a masked offline copy must not exist: the window
 * offers editing only for a connection read from the server. */

typedef enum
{
  PB_DRAFT_NAME,
  PB_DRAFT_DESCRIPTION,
  PB_DRAFT_SYSTEM_TYPE,          /* "DATA_SYSTEM", "DESTINATION", or any text as received */
  PB_DRAFT_ICON,
  PB_DRAFT_ARCHIVED,             /* "true" / "false" (set with pb_connection_draft_set_archived) */
  PB_DRAFT_AUTH_TYPE,            /* "NONE", "OAUTH", or any text as received */
  PB_DRAFT_AUTH_CLIENT_ID,
  PB_DRAFT_AUTH_ACCESS_TOKEN_URL,
  PB_DRAFT_AUTH_USE_MUTUAL_TLS,  /* "true" / "false" */
  PB_DRAFT_AUTH_CLIENT_SECRET,   /* memory only, see above */
  PB_DRAFT_REQUEST_TYPE,         /* method: "GET", "POST", "PUT" */
  PB_DRAFT_CONNECTION_URL,
  PB_DRAFT_REQUEST_BODY,
  PB_DRAFT_URL_PARAMETERS,       /* the urlParameters array as JSON text (item shape unknown) */
  PB_DRAFT_EXAMPLE_VALUE,
  PB_DRAFT_CONNECTION_TIMEOUT,   /* milliseconds, as typed */
  PB_DRAFT_SOCKET_TIMEOUT,       /* milliseconds, as typed ("Read Timeout") */
  PB_DRAFT_N_FIELDS
} PbDraftField;

/* The tables, edited as rows of text columns. */
typedef enum
{
  PB_DRAFT_TABLE_CUSTOM_HEADERS,        /* columns: "name", "value" */
  PB_DRAFT_TABLE_OAUTH_CUSTOM_HEADERS,  /* "name", "value" (auth.oauthCustomHeaders) */
  PB_DRAFT_TABLE_FORM_ITEMS,            /* "name", "value" (auth.formUrlEncodedItems) */
  PB_DRAFT_TABLE_INPUT_MAPPINGS,        /* "label", "key", "type", "exampleValue", "mapping" */
  PB_DRAFT_TABLE_OUTPUT_MAPPINGS,       /* "label", "outputReference", "type" */
  PB_DRAFT_N_TABLES
} PbDraftTable;

/* The columns of a table, NULL-terminated (static). */
const char * const *pb_draft_table_get_columns (PbDraftTable table);

/* One row of a table. Its values are text; "changed" on the draft follows any change. */
#define PB_TYPE_DRAFT_ROW (pb_draft_row_get_type ())
G_DECLARE_FINAL_TYPE (PbDraftRow, pb_draft_row, PB, DRAFT_ROW, GObject)

const char *pb_draft_row_get (PbDraftRow *self,
                              const char *column);   /* "" when missing, never NULL */
void        pb_draft_row_set (PbDraftRow *self,
                              const char *column,
                              const char *text);

#define PB_TYPE_CONNECTION_DRAFT (pb_connection_draft_get_type ())
G_DECLARE_FINAL_TYPE (PbConnectionDraft, pb_connection_draft, PB, CONNECTION_DRAFT, GObject)

/* Edit: starts from the connection as received (pb_connection_get_json()). */
PbConnectionDraft *pb_connection_draft_new_for_connection (PbConnection *connection);
/* Edit from JSON text as received (a history entry to restore, a server version). NULL with a
 * PB_PARSE_ERROR when it is not a JSON object. */
PbConnectionDraft *pb_connection_draft_new_for_json       (const char   *json,
                                                           GError      **error);
/* New Connection: the web app's defaults for the system type ("DATA_SYSTEM" or
 * "DESTINATION"): auth NONE, GET (POST for a destination), both timeouts 1000, headers Accept
 * and Accept-Encoding (and Content-Type for POST), empty tables. */
PbConnectionDraft *pb_connection_draft_new                (const char   *system_type);
/* Duplicate: the connection's content without what the server assigns (ref, href, clientKey,
 * revision, modifiedAt, modifiedBy…), unarchived, named "Copy of <name>" (translated). */
PbConnectionDraft *pb_connection_draft_new_duplicate      (PbConnection *connection);

/* Replaces the draft's content with the content of `json` (another version of the connection
 * as received: a history entry to restore, a copy from another account): every member but what
 * the server assigns (ref, href, clientKey, revision, modifiedAt, modifiedBy…), which stay the
 * draft's. FALSE with a PB_PARSE_ERROR when it is not a JSON object. */
gboolean     pb_connection_draft_replace_content (PbConnectionDraft *self,
                                                  const char        *json,
                                                  GError           **error);

/* Whether the draft creates (New, Duplicate) or replaces (Edit). */
gboolean     pb_connection_draft_is_new          (PbConnectionDraft *self);
/* The ref, revision and modifiedAt of the object it started from (NULL / -1 when new). */
const char  *pb_connection_draft_get_ref         (PbConnectionDraft *self);
gint64       pb_connection_draft_get_base_revision (PbConnectionDraft *self);
const char  *pb_connection_draft_get_base_modified_at (PbConnectionDraft *self);
/* The object it started from, compact JSON as received ("{}" when new). */
const char  *pb_connection_draft_get_base_json   (PbConnectionDraft *self);

const char  *pb_connection_draft_get_text        (PbConnectionDraft *self,
                                                  PbDraftField       field); /* "" when missing */
void         pb_connection_draft_set_text        (PbConnectionDraft *self,
                                                  PbDraftField       field,
                                                  const char        *text);
void         pb_connection_draft_set_archived    (PbConnectionDraft *self,
                                                  gboolean           archived);
gboolean     pb_connection_draft_get_archived    (PbConnectionDraft *self);

/* The rows of a table: a GListModel of PbDraftRow (owned by the draft). */
GListModel  *pb_connection_draft_get_table       (PbConnectionDraft *self,
                                                  PbDraftTable       table);
PbDraftRow  *pb_connection_draft_insert_row      (PbConnectionDraft *self,
                                                  PbDraftTable       table,
                                                  guint              position); /* (transfer none) */
void         pb_connection_draft_remove_row      (PbConnectionDraft *self,
                                                  PbDraftTable       table,
                                                  guint              position);
void         pb_connection_draft_move_row        (PbConnectionDraft *self,
                                                  PbDraftTable       table,
                                                  guint              from,
                                                  guint              to);

/* Whether anything differs from the object it started from (always TRUE for a new one). */
gboolean     pb_connection_draft_is_modified     (PbConnectionDraft *self);

typedef enum
{
  PB_DRAFT_BODY_UPDATE,  /* PUT: the whole object, server fields included */
  PB_DRAFT_BODY_CREATE,  /* POST: without ref, href, clientKey, revision, modifiedAt, modifiedBy… */
  PB_DRAFT_BODY_MASKED = 1 << 4, /* or-ed: secret-looking values masked, no client secret */
} PbDraftBody;

/* The body a write sends, compact JSON text (see above). */
char        *pb_connection_draft_dup_body        (PbConnectionDraft *self,
                                                  PbDraftBody        kind);
/* The edited, unsaved object as a connection (for the Test dialog), or NULL when the body does
 * not read as one (error set). */
PbConnection *pb_connection_draft_to_connection  (PbConnectionDraft *self,
                                                  GError           **error);

/* What is wrong with the draft, for sentences next to the fields. */
typedef enum
{
  PB_DRAFT_PROBLEM_ERROR,    /* Save stays disabled */
  PB_DRAFT_PROBLEM_WARNING,  /* said, but saving is allowed */
} PbDraftProblemLevel;

typedef struct
{
  PbDraftProblemLevel level;
  int                 field;   /* a PbDraftField, or -1 for a table's problem */
  int                 table;   /* a PbDraftTable, or -1 */
  int                 row;     /* the row of the table, or -1 for the whole table */
  const char         *column;  /* the column of the row (static), or NULL */
  char               *message; /* a translated sentence */
} PbDraftProblem;

#define PB_TYPE_DRAFT_PROBLEM (pb_draft_problem_get_type ())
GType           pb_draft_problem_get_type (void);
PbDraftProblem *pb_draft_problem_copy     (const PbDraftProblem *problem);
void            pb_draft_problem_free     (PbDraftProblem       *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDraftProblem, pb_draft_problem_free)

/* The problems of the draft, in the order of the form (a GPtrArray of PbDraftProblem, empty
 * when there is none): required fields (name, authentication type, method and URL, system
 * type; for OAuth the client ID and the token URL; the name of each header and form item, the
 * key of each input mapping); the URL and the token URL well formed, the token URL https; a
 * body that looks like JSON parses once its ${placeholders} are stood in for; URL parameters a
 * JSON array; every ${placeholder} of the URL, headers, URL parameters and body has an input
 * mapping, every input mapping is used (warnings); timeouts positive whole numbers (at most
 * 2^31 - 1); a data system's name without hyphens (warning: they break references from
 * decisions). A problem of a table's row names the row and the column. */
GPtrArray   *pb_connection_draft_check           (PbConnectionDraft *self);
/* Whether pb_connection_draft_check() has an error. */
gboolean     pb_connection_draft_has_errors      (PbConnectionDraft *self);

G_END_DECLS
