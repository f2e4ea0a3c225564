/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-compare.h"

G_BEGIN_DECLS

/* {{{ One pair or single of a grouping, as the worker thread finds it */

typedef struct
{
  PbConnection   *source;      /* owned, or NULL */
  PbConnection   *target;      /* owned, or NULL */
  char           *sort_key;    /* collation key of the folded name */
  PbCompareGroup  group;
  guint           n_self_references;
  gboolean        by_hand;
  gboolean        duplicate_name;
} PbCompareItem;

void            _pb_compare_item_free      (PbCompareItem *item);

/* What a grouping starts from: taken on the main thread, read on the worker. */
typedef struct
{
  GPtrArray  *sources;     /* of PbConnection */
  GPtrArray  *targets;     /* of PbConnection */
  GPtrArray  *by_hand;     /* of PbConnection, two by two: source, target */
  GPtrArray  *unpaired;    /* of PbConnection, two by two: source, target */
  char       *base_url;
} PbCompareInput;

void            _pb_compare_input_free     (PbCompareInput *input);

typedef struct
{
  GPtrArray  *items;         /* of PbCompareItem, sorted */
  GHashTable *target_uuids;  /* pb_compare_collect_uuids() of the targets */
} PbCompareResult;

void            _pb_compare_result_free    (PbCompareResult *result);

/* The grouping (pb-compare-group.c), for g_task_run_in_thread(); NULL when cancelled. */
PbCompareResult *_pb_compare_group         (PbCompareInput *input,
                                            GCancellable   *cancellable);
/* The name of a connection as pairing compares it: NFKC, case folded, without surrounding
 * white space. */
char            *_pb_compare_fold_name     (const char     *name);
/* The UUIDs of a list of PbConnection (pb_compare_collect_uuids()). */
GHashTable      *_pb_compare_collect_uuids_array (GPtrArray *connections);

/* {{{ Self-references (pb-compare-flags.c) */

/* The next UUID (8-4-4-4-12 hex digits, not inside a longer run of hex digits, letters or
 * hyphens) in `text` from *pos: TRUE with it in `out` (lower case) and *pos after it. */
gboolean         _pb_compare_next_uuid      (const char     *text,
                                             gsize          *pos,
                                             char            out[37]);
/* pb_compare_find_self_references() of a connection's JSON text; NULL when it is not an
 * object. Without `with_values` (only counting), every value shows as PB_SECRET_MASK. */
GPtrArray       *_pb_compare_find_self_references_json (const char *json,
                                                        const char *base_url,
                                                        GHashTable *target_uuids,
                                                        gboolean    with_values);

/* }}} */
/* {{{ Pair objects (pb-compare-pair.c) */

PbComparePair  *_pb_compare_pair_new       (const PbCompareItem *item);
/* Takes the group, flags and counts of `item` (same connections), notifying what changed. */
void            _pb_compare_pair_update    (PbComparePair       *self,
                                            const PbCompareItem *item);

/* Moves from `entries` (pb_diff_connections() of the two) to `kept` (may be NULL: dropped)
 * those of a member only the target has, which promoting keeps; TRUE when there was one. */
gboolean        _pb_compare_split_kept     (const char          *target_json,
                                            const char          *source_json,
                                            GPtrArray           *entries,
                                            GPtrArray           *kept);

/* }}} */

G_END_DECLS
