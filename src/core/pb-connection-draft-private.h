/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-connection-draft.h"
#include "pb-json.h"

G_BEGIN_DECLS

/* What the draft (pb-connection-draft.c), its body (pb-connection-draft-body.c) and its checks
 * (pb-connection-draft-checks.c) share.
 *
 * The draft is kept as JSON text, compact: the object as it will be sent (without the client
 * secret), edited member by member. An edit rewrites only the member it changes; every other
 * member is copied as text, so that nothing the user did not touch goes through a parser that
 * would change it (json-glib 1.6 writes 2^64 as -1). */

struct _PbConnectionDraft
{
  GObject     parent_instance;

  char       *base;     /* the object it started from, compact ("{}" when new) */
  char       *origin;   /* the content last loaded: `base`, a replacement, or the defaults of a
                         * new draft; an empty text keeps a member only if it is here */
  char       *doc;      /* the object now, compact, tables included, client secret excluded */
  char       *fields[PB_DRAFT_N_FIELDS]; /* as typed or read (not the client secret) */
  char       *secret;   /* the client secret as typed, or NULL; wiped when freed */
  char       *ref;
  char       *base_modified_at;
  gint64      base_revision;
  GListStore *tables[PB_DRAFT_N_TABLES];
  gboolean    is_new;
};

struct _PbDraftRow
{
  GObject            parent_instance;

  PbConnectionDraft *draft;   /* not owned; NULL once the draft is gone */
  PbDraftTable       table;
  char              *text;    /* the row, compact JSON (any value, as received) */
  char              *origin;  /* the row as loaded, or the new row's template */
  char             **values;  /* per column, as typed or read */
};

/* Where a field or a table is in the object: a member of the object, or of its member
 * `parent` ("auth", "request"). */
typedef struct
{
  const char *parent;
  const char *key;
} PbDraftPlace;

const PbDraftPlace *_pb_draft_field_place   (PbDraftField  field);
const PbDraftPlace *_pb_draft_table_place   (PbDraftTable  table);

/* {{{ The draft and its rows (pb-connection-draft.c, pb-connection-draft-rows.c) */

void      _pb_draft_emit_changed            (PbConnectionDraft *self);
/* Makes the rows of each table from the draft's object. */
void      _pb_draft_load_rows               (PbConnectionDraft *self);
/* Detaches the rows from the draft (they may outlive it). */
void      _pb_draft_forget_rows             (PbConnectionDraft *self);
/* Writes the rows of `table` into the draft's object, and says it changed. */
void      _pb_draft_table_changed           (PbConnectionDraft *self,
                                             PbDraftTable       table);

/* }}} */
/* {{{ JSON text of objects (pb-connection-draft-body.c). Every text is compact JSON. */

/* Appends `text` as a JSON string, quoted and escaped. */
void      _pb_draft_append_string           (GString      *out,
                                             const char   *text);
char     *_pb_draft_quote                   (const char   *text);
/* Where the value of `object`'s member `key` (the last, as readers take it) is; FALSE when
 * `object` is NULL, not an object, or has no such member. */
gboolean  _pb_draft_object_get              (const char   *object,
                                             const char   *key,
                                             PbTextSpan   *span);
/* The text of that value, or NULL. */
char     *_pb_draft_object_dup              (const char   *object,
                                             const char   *key);
/* `object` with its member `key` set to `value` (JSON text), in its place (the last of that
 * name), or last when it has none; NULL `value` removes every member of that name. An
 * `object` that is NULL or not an object counts as {}. */
char     *_pb_draft_object_set              (const char   *object,
                                             const char   *key,
                                             const char   *value);
/* The text a field shows for a JSON value: a string decoded, null "", anything else as
 * written. NULL gives "". */
char     *_pb_draft_value_to_text           (const char   *value);
/* The value at `place` of `object`, or NULL. */
char     *_pb_draft_place_dup               (const char          *object,
                                             const PbDraftPlace  *place);
/* Whether `name` is a member the server assigns (ref, href, clientKey, revision, modifiedAt,
 * modifiedBy…). */
gboolean  _pb_draft_is_server_member        (const char   *name);
/* `object` without the members the server assigns. */
char     *_pb_draft_strip_server_members    (const char   *object);
/* `object` with the members the server assigns taken from `from` (set in place, or removed
 * when `from` has none). */
char     *_pb_draft_take_server_members     (const char   *object,
                                             const char   *from);

/* Sets the value at `place` of the draft's object (NULL: removes it). */
void      _pb_draft_set_place               (PbConnectionDraft  *self,
                                             const PbDraftPlace *place,
                                             const char         *value);
/* The body (see pb_connection_draft_dup_body()), with the client secret or not. */
char     *_pb_draft_dup_body                (PbConnectionDraft  *self,
                                             PbDraftBody         kind,
                                             gboolean            with_secret);

/* Overwrites the bytes of a string with zeros, in a way the compiler keeps. */
void      _pb_draft_wipe                    (char         *text);
/* Frees a string that may hold a secret, wiping it first. */
void      _pb_draft_free_secret             (char         *text);

/* }}} */

G_END_DECLS
