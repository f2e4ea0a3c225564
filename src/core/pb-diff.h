/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Differences between two versions of a connection, field by field, for the preview of a
 * write, the conflict view, History and Compare. Both sides are JSON text of a connection.
 *
 * Fields are compared by value: the order of members never counts, numbers compare by their
 * text. Tables are paired by what names a row, not by position: headers, form items by "name",
 * input mappings by "key", output mappings by "outputReference" (rows that cannot be paired so,
 * by position). Any other array or unknown object compares as a whole (its compact JSON).
 *
 * Paths and labels: a field of the form has its member path ("auth.clientId") and the detail
 * page's word ("Client ID"); a column of a row "customHeaders[Accept].value" and
 * “Header “Accept”: Value”; a whole row added or removed "customHeaders[Accept]", “Header
 * “Accept””, its text "Accept: application/json" (a mapping: "Label: Email, Key: email, …");
 * rows paired by position "customHeaders[2]" (counted from 0), “Headers, row 3”. A member
 * Plugboard does not know is labelled with its path. Order: the form's (name, description,
 * system type, icon, archived, authentication, request, headers, URL parameters, input and
 * output mappings, example value, timeouts; the members of auth and request Plugboard does not
 * know after that group's fields), then the server's fields, then the unknown members of the
 * object, as the new side orders them, then those only the old side has. Rows: as the new
 * side orders them, then the removed ones.
 *
 * Masking: values are compared as they are, then shown masked (the rule of pb-export.h, the one
 * of pb-secret.h), so a secret that changed is an entry whose two texts may both be the mask,
 * with `masked` set. */

typedef enum
{
  PB_DIFF_ADDED,
  PB_DIFF_REMOVED,
  PB_DIFF_CHANGED,
} PbDiffKind;

typedef enum
{
  PB_DIFF_DEFAULT              = 0,
  PB_DIFF_IGNORE_SERVER_FIELDS = 1 << 0, /* ref, href, clientKey, revision, modifiedAt, modifiedBy… */
  PB_DIFF_REVEAL_SECRETS       = 1 << 1, /* else secret-looking values are masked (pb-secret.h) */
} PbDiffFlags;

typedef struct
{
  PbDiffKind  kind;
  char       *path;      /* where: "request.connectionUrl", "customHeaders[Accept].value",
                            "inputMappings[email]" (a whole row added or removed) */
  char       *label;     /* for people, translated: "URL", "Header “Accept”", … */
  char       *old_text;  /* the value before (NULL when added): a string as it is, anything
                            else as compact JSON; masked unless PB_DIFF_REVEAL_SECRETS */
  char       *new_text;  /* the value after (NULL when removed) */
  gboolean    masked;    /* a value was masked */
  gboolean    multiline; /* either text has a line break or is long (over 80 characters):
                            show a line diff */
} PbDiffEntry;

#define PB_TYPE_DIFF_ENTRY (pb_diff_entry_get_type ())
GType        pb_diff_entry_get_type (void);
PbDiffEntry *pb_diff_entry_copy     (const PbDiffEntry *entry);
void         pb_diff_entry_free     (PbDiffEntry       *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDiffEntry, pb_diff_entry_free)

/* The differences from `old_json` to `new_json` (GPtrArray of PbDiffEntry, in the order of the
 * form: name, description, …, unknown members last), or NULL with a PB_PARSE_ERROR when a side
 * is not a JSON object. "{}" for a side that does not exist yet (a create). */
GPtrArray   *pb_diff_connections (const char  *old_json,
                                  const char  *new_json,
                                  PbDiffFlags  flags,
                                  GError     **error);

/* A line diff of two texts, for long values (a body, an example value): GPtrArray of
 * PbDiffLine, in order. Request bodies that are JSON are compared pretty-printed.
 * A shortest edit script (Myers), lines split at "\n" (a "\r" before it dropped); NULL is "".
 * When a JSON object or array (${placeholders} allowed) is on each side that is not empty, the
 * pretty-printed texts (pb_json_text_pretty()) are compared. Bounded: beyond 2,000 lines
 * removed plus added (between the common lines at both ends), the middle shows as removed,
 * then added; 20,000 lines each take well under a second. */
typedef enum
{
  PB_DIFF_LINE_SAME,
  PB_DIFF_LINE_REMOVED,
  PB_DIFF_LINE_ADDED,
} PbDiffLineKind;

typedef struct
{
  PbDiffLineKind  kind;
  char           *text;  /* without the line break */
} PbDiffLine;

void        pb_diff_line_free (PbDiffLine *line);
GPtrArray  *pb_diff_lines     (const char *old_text,
                               const char *new_text);

/* Conflicts: `base` is the version an edit started from, `mine` the edited body, `theirs` the
 * version now on the server. The fields mine changed and theirs changed (paths, as in
 * PbDiffEntry) overlap when one is the same as or inside the other.
 * Server fields (ref, revision, modifiedAt…) never count. A table whose rows cannot be paired
 * by name counts as changed as a whole. pb_diff_overlaps() is TRUE when they overlap; FALSE
 * when they do not, or with a PB_PARSE_ERROR when a text is not a JSON object.
 * pb_diff_reapply() gives mine's changes applied onto theirs (compact JSON, with theirs'
 * server fields: ref, revision, modifiedAt…), or NULL with PB_DIFF_ERROR_OVERLAP when the two
 * touch the same fields (then only overwrite or cancel are offered), or a PB_PARSE_ERROR.
 * Members and rows are set, added (last) or removed as mine changed them; everything else of
 * theirs is written as received (numbers and strings exactly; white space between tokens
 * left out). Rows only reordered are no change, so a new order is not re-applied. */
#define PB_DIFF_ERROR (pb_diff_error_quark ())
typedef enum
{
  PB_DIFF_ERROR_OVERLAP,
} PbDiffError;
GQuark      pb_diff_error_quark (void);

gboolean    pb_diff_overlaps    (const char  *base,
                                 const char  *mine,
                                 const char  *theirs,
                                 GError     **error);
char       *pb_diff_reapply     (const char  *base,
                                 const char  *mine,
                                 const char  *theirs,
                                 GError     **error);

G_END_DECLS
