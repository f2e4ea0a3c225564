/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-connection-list.h"
#include "pb-connection-store.h"

G_BEGIN_DECLS

/* PbConnectionStore spans pb-connection-store.c (the list, refresh and reload) and
 * pb-connection-store-write.c (update and create). */

struct _PbConnectionStore
{
  GObject           parent_instance;

  PbClient         *client;
  char             *cache_id;
  PbConnectionList *list;

  GError           *error;
  GDateTime        *cached_at;
  /* Connections of the list with fields Plugboard cannot read: counted as pages come, not
   * by walking the whole list at each one. */
  guint             n_unreadable;

  /* The refresh under way (its task holds the store), or NULL. */
  GTask            *refresh_task;
  GCancellable     *refresh_cancellable;
  GPtrArray        *pending;
  guint             flush_source;
  guint             show_pages_as_they_come : 1;

  guint             n_reloads;
  /* Counts the clients the store had: a reload of a former one changes nothing. */
  guint             generation;
  /* The list is a complete one from the server (of this client), so a write may save it as
   * the offline copy. */
  guint             list_complete : 1;
  /* The offline copy is being saved; save it again once done (pb-cache.h saves in threads:
   * two at once could leave the older list on disk). */
  guint             saving_copy : 1;
  guint             save_copy_again : 1;
};

/* Counts the unreadable connections again and emits "values-changed" (objects of the list
 * were updated in place). */
void _pb_connection_store_emit_values_changed (PbConnectionStore *self);

/* Saves the list as the offline copy when it is a complete one from the server and no
 * refresh is replacing it; one save at a time, the last one after the last change.
 * (pb-connection-store-write.c) */
void _pb_connection_store_save_offline_copy (PbConnectionStore *self);

/* Whether two connections (JSON texts) hold the same content: their members but the ones the
 * server assigns (ref, href, clientKey, revision, modifiedAt, modifiedBy…), in any order; a
 * member one lacks equals the other's null, false or empty array. (pb-connection-store-write.c) */
gboolean _pb_connection_store_same_content (const char *a_json,
                                            const char *b_json);

G_END_DECLS
