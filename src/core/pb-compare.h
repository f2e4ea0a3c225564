/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pb-types.h"

G_BEGIN_DECLS

/* Compare two accounts (a source, e.g. Staging, and a target, e.g. Production) and promote
 * connections from one to the other: the core of "Compare Accounts…".
 *
 * Pairing. A connection of the source and one of the target pair when their names are the
 * same once surrounding white space is dropped and case ignored (Unicode: NFKC, then case
 * folded). A name that more than one connection of the same account has is ambiguous: none of
 * the connections of that name (in either account) pairs by name; each stays single with
 * "duplicate-name" set, and the user pairs them by hand. The user may pair any source
 * connection with any target connection by hand (a rename), which first undoes the pairs each
 * of them was in, and may unpair any pair (also one paired by name: those two then never pair
 * by name again in this PbCompare). Choices by hand are kept by object, so they outlive a
 * refresh of either list (a store keeps the objects of the same ref); those that name a
 * connection no longer in its list are forgotten once a grouping shows it gone.
 *
 * Groups. A single of the source is ONLY_IN_SOURCE, of the target ONLY_IN_TARGET; a pair is
 * IDENTICAL when pb_diff_connections() with PB_DIFF_IGNORE_SERVER_FIELDS finds nothing (the
 * server's fields ref, href, clientKey, revision, modifiedAt, modifiedBy… never count, nor
 * the order of members or of table rows) but members only the target has (e.g. an unknown
 * "notes"): promoting keeps those (pb_promote_update_body()), so a pair that differs only so
 * is what a copy leaves it, the same for copying ("identical for copy"), and a copy makes
 * any pair IDENTICAL. Else DIFFERENT (a name that differs in case or white space only is a
 * difference: promoting renames).
 *
 * The PbCompare is a GListModel of PbComparePair (one for each pair and each single), sorted
 * by name ignoring case (then by group), for a GtkListView (a GtkFilterListModel per group).
 * It watches the two lists it was given ("items-changed", and a PbConnectionStore's
 * "values-changed") and groups again after any change, on a worker thread (GTask; a newer
 * grouping cancels the one under way, dispose cancels too); "busy" is set meanwhile. Pair
 * objects are kept from one grouping to the next when they pair the same connections (their
 * "group" is notified when it changes), and "items-changed" names only the range that
 * changed, so selections survive. Grouping 10,000 pairs (a tenth of them different) takes
 * about 0.3 s on the worker in a release build, 0.4 s in a debug one (tests/test-compare.c,
 * /compare/groups/large); the main thread then needs under 10 ms to show it. */

typedef enum
{
  PB_COMPARE_GROUP_ONLY_IN_SOURCE,
  PB_COMPARE_GROUP_ONLY_IN_TARGET,
  PB_COMPARE_GROUP_DIFFERENT,
  PB_COMPARE_GROUP_IDENTICAL,
  PB_COMPARE_N_GROUPS
} PbCompareGroup;

#define PB_TYPE_COMPARE_GROUP (pb_compare_group_get_type ())
GType pb_compare_group_get_type (void);

/* One pair or single. Properties (read-only, notified when they change): "source" and
 * "target" (PbConnection, NULL for a single of the other side), "name" (the source's name as
 * received, else the target's), "group" (PbCompareGroup), "by-hand" (paired by the user),
 * "duplicate-name" (a single because its name is not unique in its account),
 * "n-self-references" (how many values of the source point at the source tenant, or are an
 * export's masks: see pb_compare_dup_self_references()). */
#define PB_TYPE_COMPARE_PAIR (pb_compare_pair_get_type ())
G_DECLARE_FINAL_TYPE (PbComparePair, pb_compare_pair, PB, COMPARE_PAIR, GObject)

PbConnection   *pb_compare_pair_get_source            (PbComparePair *self);
PbConnection   *pb_compare_pair_get_target            (PbComparePair *self);
const char     *pb_compare_pair_get_name              (PbComparePair *self);
PbCompareGroup  pb_compare_pair_get_group             (PbComparePair *self);
gboolean        pb_compare_pair_get_by_hand           (PbComparePair *self);
gboolean        pb_compare_pair_get_duplicate_name    (PbComparePair *self);
guint           pb_compare_pair_get_n_self_references (PbComparePair *self);
/* The differences (GPtrArray of PbDiffEntry, see pb-diff.h) from the target's version (old)
 * to the source's (new): what promoting would change, server fields ignored, secrets masked,
 * without the members only the target has (promoting keeps them: see
 * pb_compare_pair_dup_kept()). For a single, against "{}" (everything added, or everything
 * removed). NULL with a PB_PARSE_ERROR when a side holds no JSON object. */
GPtrArray      *pb_compare_pair_dup_differences       (PbComparePair *self,
                                                       GError       **error);
/* Of a pair: the members only the target has, which promoting keeps, as the entries
 * (PB_DIFF_REMOVED, masked) pb_diff_connections() finds for them; empty for a single or
 * none (never NULL). */
GPtrArray      *pb_compare_pair_dup_kept              (PbComparePair *self);

#define PB_TYPE_COMPARE (pb_compare_get_type ())
G_DECLARE_FINAL_TYPE (PbCompare, pb_compare, PB, COMPARE, GObject)

/* Properties: "source" and "target" (GListModel of PbConnection, e.g. two PbConnectionStore,
 * or an imported file's list), "source-base-url" (the source account's base URL, e.g.
 * "https://api-engage-eu.sitecorecloud.io", for the self-reference flags), "busy",
 * "n-only-in-source", "n-only-in-target", "n-different", "n-identical" (the counts per group,
 * for the sidebar). */
PbCompare      *pb_compare_new                 (GListModel    *source,
                                                GListModel    *target);
GListModel     *pb_compare_get_source          (PbCompare     *self);
GListModel     *pb_compare_get_target          (PbCompare     *self);
/* Another list on one side (e.g. an imported file as the source): choices by hand that
 * name connections no longer there are forgotten (see above). */
void            pb_compare_set_source          (PbCompare     *self,
                                                GListModel    *source);
void            pb_compare_set_target          (PbCompare     *self,
                                                GListModel    *target);
const char     *pb_compare_get_source_base_url (PbCompare     *self);
void            pb_compare_set_source_base_url (PbCompare     *self,
                                                const char    *base_url);
gboolean        pb_compare_get_busy            (PbCompare     *self);
guint           pb_compare_get_n_in_group      (PbCompare     *self,
                                                PbCompareGroup group);

/* Pairs `source` (of the source list) with `target` (of the target list) by hand; FALSE when
 * either is not in its list. Groups again (asynchronously: wait for "busy" to drop). */
gboolean        pb_compare_pair_by_hand        (PbCompare     *self,
                                                PbConnection  *source,
                                                PbConnection  *target);
/* Splits a pair into two singles (nothing for a single). Groups again. */
void            pb_compare_unpair              (PbCompare     *self,
                                                PbComparePair *pair);
/* The pair or single that holds `connection` (of either list), or NULL (transfer none). */
PbComparePair  *pb_compare_find                (PbCompare     *self,
                                                PbConnection  *connection);

/* Groups again now, whatever changed; finishes when the model shows the result, or that of a
 * newer grouping that replaced this one (FALSE with G_IO_ERROR_CANCELLED only when
 * `cancellable` was cancelled). The model also groups by itself (see above): this is for a
 * caller, or a test, that must know when it is done. */
void            pb_compare_update_async        (PbCompare          *self,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
gboolean        pb_compare_update_finish       (PbCompare          *self,
                                                GAsyncResult       *result,
                                                GError            **error);

/* {{{ Self-references (pb-compare-flags.c) */

/* A value of a source connection that must not be copied to the target without a look: one
 * that points at the source tenant itself, and so means nothing (or the wrong thing) in the
 * target, or one that a file exported without secrets holds only as a mask. */
typedef enum
{
  PB_SELF_REFERENCE_HOST,  /* a URL on the source account's API host */
  PB_SELF_REFERENCE_UUID,  /* a UUID that occurs nowhere in the target's connections (e.g.
                            * the ref of the source tenant's own decision model) */
  PB_SELF_REFERENCE_MASK,  /* a value an export masked (PB_SECRET_MASK): copying it would
                            * write the mask, not the secret */
} PbSelfReferenceKind;

typedef struct
{
  PbSelfReferenceKind  kind;
  char                *path;   /* pb-diff.h's style: "request.connectionUrl",
                                  "customHeaders[Authorization].value" */
  char                *value;  /* the whole value, masked by pb-secret.h's rule when its
                                  name looks secret (a URL's secret parameters, a body's
                                  secret members) */
  char                *reason; /* a translated sentence */
} PbSelfReference;

#define PB_TYPE_SELF_REFERENCE (pb_self_reference_get_type ())
GType            pb_self_reference_get_type (void);
PbSelfReference *pb_self_reference_copy     (const PbSelfReference *ref);
void             pb_self_reference_free     (PbSelfReference       *ref);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSelfReference, pb_self_reference_free)

/* The UUIDs (lower case, as a set: key and value the same string) in every value of
 * `connections` (GListModel of PbConnection), server fields included. */
GHashTable *pb_compare_collect_uuids       (GListModel   *connections);
/* The self-references of `source` (GPtrArray of PbSelfReference, in the order of the text;
 * never NULL): the string values (of members at any depth, table cells, the request body's
 * text) that hold a URL on the host of `source_base_url` (scheme and port ignored; NULL: none
 * checked), or a UUID that `target_uuids` (pb_compare_collect_uuids() of the target; NULL:
 * none checked) lacks, or that are an export's mask. Server fields (ref, href, clientKey,
 * modifiedBy…) are not looked at. One entry per value and kind. */
GPtrArray  *pb_compare_find_self_references (PbConnection *source,
                                             const char   *source_base_url,
                                             GHashTable   *target_uuids);
/* The same, for the source of `pair`, with the PbCompare's base URL and target. */
GPtrArray  *pb_compare_dup_self_references  (PbCompare     *self,
                                             PbComparePair *pair);

/* }}} */
/* {{{ Promote (pb-compare-promote.c) */

#define PB_COMPARE_ERROR (pb_compare_error_quark ())
typedef enum
{
  PB_COMPARE_ERROR_CLIENT_SECRET_NEEDED, /* an OAuth source, and no choice about its secret */
  PB_COMPARE_ERROR_NOT_AN_EXPORT,        /* import: not a file Plugboard exported */
} PbCompareError;
GQuark pb_compare_error_quark (void);

/* The OAuth client secret cannot be copied: the API never returns it. So a source whose
 * auth.authType is OAUTH (ignoring case) needs the caller's choice:
 * - a client secret the user typed: it is sent as auth.clientSecret (the draft's way, see
 *   pb-connection-draft.h); or
 * - PB_PROMOTE_WITHOUT_CLIENT_SECRET, chosen knowingly: no clientSecret is sent. On an update
 *   the target keeps the secret it has (the server keeps a stored secret a PUT does not name,
 *   as the editor relies on); a created connection has none until someone types it in the web
 *   app or the editor, and its calls fail until then.
 * Without either, building the body fails with PB_COMPARE_ERROR_CLIENT_SECRET_NEEDED (a
 * sentence to show next to the secret field). Whatever the source holds as auth.clientSecret
 * (an export's mask) is never copied. A source of another auth type ignores both.
 *
 * Every other value is copied as the source holds it. So promote only from a source read from
 * the server or from a file exported with secrets: an offline copy is masked (pb-cache.h; see
 * pb_connection_store_get_offline_copy(), as the editor does), and so is a file exported
 * without secrets: their masks are PB_SELF_REFERENCE_MASK flags, for the preview to stop on. */
typedef enum
{
  PB_PROMOTE_DEFAULT               = 0,
  PB_PROMOTE_WITHOUT_CLIENT_SECRET = 1 << 0,
  PB_PROMOTE_MASKED                = 1 << 1, /* for the preview's full body: secret-looking
                                              * values masked, no client secret, no choice
                                              * needed */
} PbPromoteFlags;

/* Whether promoting `source` needs a choice about the client secret. */
gboolean  pb_promote_needs_client_secret (PbConnection   *source);

/* ONLY_IN_SOURCE: the body of the POST that creates `source` in the target: the source's
 * object as received without what the server assigns (pb-connection-draft.h's create body;
 * unknown members travel as received), compact JSON. */
char     *pb_promote_create_body         (PbConnection   *source,
                                          const char     *client_secret,
                                          PbPromoteFlags  flags,
                                          GError        **error);
/* DIFFERENT: the body of the PUT to `target`: the target's object as received, each of its
 * members set (in its place) to the source's, the source's other members added after them
 * (unknown ones too), except the server's fields (ref, href, clientKey, revision,
 * modifiedAt, modifiedBy…), which stay the target's. A member only the target has stays as
 * it is. Members are taken whole (auth, request and the tables too: their members depend on
 * each other, e.g. authType and clientId). `kept` (may be NULL) receives the names of the
 * target's members kept, in the target's order, for the preview (a NULL-terminated array,
 * empty when none). Compact JSON. */
char     *pb_promote_update_body         (PbConnection   *source,
                                          PbConnection   *target,
                                          const char     *client_secret,
                                          PbPromoteFlags  flags,
                                          char         ***kept,
                                          GError        **error);

/* }}} */
/* {{{ Import (pb-compare-import.c) */

/* The connections of a file Plugboard exported (pb-export.h): one connection object, or a list
 * {"items": [...]} (as Export and the offline copy write), as a GPtrArray of PbConnection, to
 * be a source (e.g. in a GListStore). Anything else, an empty list or a connection without a
 * name fails with PB_COMPARE_ERROR_NOT_AN_EXPORT and a translated sentence (the detail goes to
 * the debug log). Values an export masked stay masked (see PB_SELF_REFERENCE_MASK). */
GPtrArray *pb_compare_import             (const char     *data,
                                          gsize           length,
                                          GError        **error);
/* The same for a file, read and parsed on a worker thread; errors of reading the file are
 * GIO's. The result is a GListModel of PbConnection. */
void        pb_compare_import_file_async  (GFile              *file,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
GListModel *pb_compare_import_file_finish (GAsyncResult       *result,
                                           GError            **error);

/* }}} */

G_END_DECLS
