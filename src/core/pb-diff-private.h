/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-diff.h"
#include "pb-json-reader.h"

G_BEGIN_DECLS

/* A JSON document as a tree of its values, each one knowing where it is in the text: numbers
 * compare and are written by their text as received (json-glib 1.6 turns 2^64 into -1), and an
 * unchanged value can be written back exactly. Built with the pull reader (pb-json-reader.h),
 * which checks the text first. */
typedef struct _PbDiffNode PbDiffNode;

struct _PbDiffNode
{
  PbJsonType  type;
  const char *text;     /* the document this value was read from */
  gsize       start;    /* its bytes in `text` */
  gsize       end;
  char       *name;     /* the member name, decoded, in an object; else NULL */
  char       *string;   /* the decoded string, for a string */
  GPtrArray  *children; /* members or elements, for an object or array (not owned) */
  GHashTable *index;    /* name → its last member, for a large object; made when needed */
  PbDiffNode *masked;   /* the same value in the masked document, when there is one */
  gboolean    edited;   /* re-apply changed it or a value inside it */
};

typedef struct
{
  char       *text;
  GPtrArray  *nodes;    /* owns every node read from `text` */
  PbDiffNode *root;
} PbDiffDoc;

/* NULL with a PB_PARSE_ERROR when `json` is not JSON or not an object. */
PbDiffDoc  *_pb_diff_doc_new           (const char  *json,
                                        GError     **error);
void        _pb_diff_doc_free          (PbDiffDoc   *doc);
/* Reads the masked copy of `doc` (pb-export's rule) and points each value at its masked
 * twin. FALSE when masking failed (then nothing is shown as is either: see the callers). */
gboolean    _pb_diff_doc_mask          (PbDiffDoc   *doc,
                                        PbDiffDoc  **masked_out);
/* A new empty object or array node owned by `doc`. */
PbDiffNode *_pb_diff_doc_add_container (PbDiffDoc   *doc,
                                        PbJsonType   type);

/* The last member `name` of an object node (NULL for anything else or when missing). */
PbDiffNode *_pb_diff_node_get_member   (PbDiffNode  *node,
                                        const char  *name);
/* Puts `value` (a member called `name` of any document) in place of the last member of that
 * name, or last; NULL removes every member of the name. Marks the object edited. */
void        _pb_diff_node_set_member   (PbDiffNode  *object,
                                        const char  *name,
                                        PbDiffNode  *value);
/* The member names of two objects (either may be NULL or no object), each once: those of
 * `first` in its order (where the last member of each name is), then those only `second` has.
 * The names belong to the nodes. */
GPtrArray  *_pb_diff_member_names      (PbDiffNode  *first,
                                        PbDiffNode  *second);
/* Whether two values are the same: members in any order, numbers by their text, strings
 * decoded. NULL equals only NULL. */
gboolean    _pb_diff_node_equal        (PbDiffNode  *a,
                                        PbDiffNode  *b);
/* Appends the compact JSON text of the node (as received, unless edited). */
void        _pb_diff_node_append_json  (PbDiffNode  *node,
                                        GString     *out);
char       *_pb_diff_node_to_json      (PbDiffNode  *node);

/* What is known of a connection's shape: which members hold objects the form shows field by
 * field, and which hold tables (arrays of rows named by a member). */
typedef enum
{
  PB_DIFF_SHAPE_VALUE,  /* compared as a whole */
  PB_DIFF_SHAPE_OBJECT, /* auth, request: compared member by member */
  PB_DIFF_SHAPE_TABLE,  /* rows paired by their key member */
} PbDiffShape;

typedef struct
{
  const char *path;     /* "auth.clientId", "customHeaders" */
  PbDiffShape shape;
  const char *key;      /* for a table: the member that names a row */
} PbDiffField;

/* The field at `path` ("auth.clientId"), or NULL when Plugboard does not know it. */
const PbDiffField *_pb_diff_find_field (const char  *path);
/* Whether the member of the connection object is assigned by the server (ref, revision…). */
gboolean    _pb_diff_is_server_field   (const char  *name);

/* Whether two values (either missing) of a field the form shows member by member or row by
 * row are compared so: both objects (arrays), or one missing and the other not empty. */
gboolean    _pb_diff_can_walk_into     (PbDiffNode  *a,
                                        PbDiffNode  *b,
                                        PbJsonType   type);

/* Whether the rows of a table can be paired by `key`: every row of both sides (either may be
 * NULL) is an object with a string `key`, none twice on a side. */
gboolean    _pb_diff_table_is_keyed    (PbDiffNode  *a,
                                        PbDiffNode  *b,
                                        const char  *key);
/* The rows of a keyed table (NULL: none) by their key: name → row (names belong to the rows). */
GHashTable *_pb_diff_table_index       (PbDiffNode  *table,
                                        const char  *key);

/* The paths of what changed from `old` to `new` (PbDiffEntry paths, server fields left out),
 * for conflicts: a table that cannot be paired by name counts as changed as a whole. */
GPtrArray  *_pb_diff_changed_paths     (PbDiffDoc   *old_doc,
                                        PbDiffDoc   *new_doc);

G_END_DECLS
