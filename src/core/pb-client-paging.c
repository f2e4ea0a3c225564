/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-client-private.h"
#include "pb-connection.h"

/* A list is a series of page calls: the first page, then the second (to see whether the server
 * honours paging at all), then up to PB_CLIENT_MAX_PAGES_IN_FLIGHT pages at once, delivered
 * strictly in order, until a short page or a page that repeats what came before. */

gpointer
_pb_client_parse_list_page (const char  *data,
                            gsize        length,
                            const char  *content_type,
                            GError     **error)
{
  return pb_connection_parse_list (data, (gssize) length, error);
}

typedef struct
{
  PbClientPageFunc  page_func;
  gpointer          page_data;
  GDestroyNotify    page_data_destroy;

  /* Stops every page request: cancelled by the caller, by the client's dispose, and when the
   * list is complete (pages asked for ahead of the end are not needed). */
  GCancellable     *cancellable;
  PbCancelLink        task_link;
  PbCancelLink        client_link;

  GPtrArray        *connections;  /* the result */
  GHashTable       *seen;         /* refs in connections */
  GPtrArray        *previous;     /* refs of the last page delivered (NULL for none) */
  GHashTable       *pages;        /* page index -> GPtrArray, arrived ahead of their turn */
  guint             max_pages;
  guint             next_request;
  guint             next_deliver;
  gboolean          finished;
} ListOp;

static void
list_op_free (ListOp *op)
{
  _pb_cancel_link_clear (&op->task_link);
  _pb_cancel_link_clear (&op->client_link);
  g_clear_object (&op->cancellable);
  if (op->page_data_destroy != NULL)
    g_clear_pointer (&op->page_data, op->page_data_destroy);
  g_clear_pointer (&op->connections, g_ptr_array_unref);
  g_clear_pointer (&op->seen, g_hash_table_unref);
  g_clear_pointer (&op->previous, g_ptr_array_unref);
  g_clear_pointer (&op->pages, g_hash_table_unref);
  g_free (op);
}

typedef struct
{
  GTask *list_task;
  guint  index;
} PageRequest;

static void list_page_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
list_finish_error (GTask  *task,
                   GError *error)
{
  ListOp *op = g_task_get_task_data (task);

  op->finished = TRUE;
  g_cancellable_cancel (op->cancellable);
  g_task_return_error (task, error);
}

static void
list_request_page (GTask *task,
                   guint  index)
{
  PbClient *self = g_task_get_source_object (task);
  ListOp *op = g_task_get_task_data (task);
  g_autoptr(GTask) page_task = NULL;
  g_autofree char *relative = NULL;
  PageRequest *request;
  GError *error = NULL;
  GUri *uri;

  relative = g_strdup_printf ("v2/connections?limit=%u&offset=%u", PB_CLIENT_PAGE_LIMIT,
                              index * PB_CLIENT_PAGE_LIMIT);
  uri = _pb_client_build_uri (self, relative, &error);
  if (uri == NULL)
    {
      list_finish_error (task, error);
      return;
    }

  request = g_new0 (PageRequest, 1);
  request->list_task = g_object_ref (task);
  request->index = index;

  page_task = g_task_new (self, op->cancellable, list_page_cb, request);
  g_task_set_source_tag (page_task, list_request_page);
  _pb_client_call_start (page_task, "GET", uri, NULL, _pb_client_parse_list_page,
                         (GDestroyNotify) g_ptr_array_unref);
}

/* A page repeats when it brings nothing new: the same refs as the page before, or only refs
 * already seen. That is what a server that ignores paging does. */
static gboolean
list_page_is_repeat (ListOp    *op,
                     GPtrArray *page)
{
  gboolean all_seen = TRUE;
  gboolean same = op->previous != NULL && op->previous->len == page->len;

  if (page->len == 0)
    return FALSE;

  for (guint i = 0; i < page->len; i++)
    {
      const char *ref = pb_connection_get_ref (g_ptr_array_index (page, i));

      if (ref == NULL || !g_hash_table_contains (op->seen, ref))
        all_seen = FALSE;
      if (same && g_strcmp0 (ref, g_ptr_array_index (op->previous, i)) != 0)
        same = FALSE;
    }

  return all_seen || same;
}

static void
list_complete (GTask *task)
{
  ListOp *op = g_task_get_task_data (task);

  g_debug ("List complete: %u connections from %u pages", op->connections->len,
           op->next_deliver);
  op->finished = TRUE;
  g_cancellable_cancel (op->cancellable);
  g_task_return_pointer (task, g_ptr_array_ref (op->connections),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
list_advance (GTask *task)
{
  ListOp *op = g_task_get_task_data (task);
  guint window;

  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;
      g_autoptr(GPtrArray) fresh = NULL;
      gpointer key = GUINT_TO_POINTER (op->next_deliver);
      gpointer value = NULL;

      if (!g_hash_table_steal_extended (op->pages, key, NULL, &value))
        break;
      page = value;

      if (list_page_is_repeat (op, page))
        {
          g_debug ("Page %u brings nothing new: the server does not page", op->next_deliver);
          list_complete (task);
          return;
        }

      fresh = g_ptr_array_new_with_free_func (g_object_unref);
      g_clear_pointer (&op->previous, g_ptr_array_unref);
      op->previous = g_ptr_array_new_full (page->len, g_free);

      for (guint i = 0; i < page->len; i++)
        {
          PbConnection *connection = g_ptr_array_index (page, i);
          const char *ref = pb_connection_get_ref (connection);

          g_ptr_array_add (op->previous, g_strdup (ref));
          if (ref != NULL)
            {
              if (g_hash_table_contains (op->seen, ref))
                continue;
              g_hash_table_add (op->seen, g_strdup (ref));
            }
          g_ptr_array_add (op->connections, g_object_ref (connection));
          g_ptr_array_add (fresh, g_object_ref (connection));
        }

      op->next_deliver++;

      if (op->page_func != NULL && fresh->len > 0)
        {
          if (g_task_return_error_if_cancelled (task))
            {
              op->finished = TRUE;
              g_cancellable_cancel (op->cancellable);
              return;
            }

          op->page_func (fresh, op->page_data);

          if (g_task_return_error_if_cancelled (task))
            {
              op->finished = TRUE;
              g_cancellable_cancel (op->cancellable);
              return;
            }
        }

      if (page->len < PB_CLIENT_PAGE_LIMIT)
        {
          list_complete (task);
          return;
        }

      if (op->next_deliver >= op->max_pages)
        {
          g_debug ("More than %u full pages: giving up", op->max_pages);
          list_finish_error (task,
                             _pb_client_error_new (PB_CLIENT_ERROR_BAD_RESPONSE, 200, -1, NULL,
                                                   _("The server keeps sending more "
                                                     "connections than Plugboard can show.")));
          return;
        }
    }

  /* One page at a time until the second page has shown that the server pages; then several. */
  window = op->next_deliver >= 2 ? PB_CLIENT_MAX_PAGES_IN_FLIGHT : 1;
  while (!op->finished && op->next_request < op->next_deliver + window
         && op->next_request < op->max_pages)
    list_request_page (task, op->next_request++);
}

static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PageRequest *request = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&request->list_task);
  ListOp *op = g_task_get_task_data (task);
  guint index = request->index;
  g_autoptr(GPtrArray) page = NULL;
  GError *error = NULL;

  g_free (request);

  page = g_task_propagate_pointer (G_TASK (result), &error);

  if (op->finished)
    {
      g_clear_error (&error);
      return;
    }

  if (page == NULL)
    {
      list_finish_error (task, error);
      return;
    }

  g_hash_table_insert (op->pages, GUINT_TO_POINTER (index), g_steal_pointer (&page));
  list_advance (task);
}

void
pb_client_list_connections_async (PbClient            *self,
                                  PbClientPageFunc     page_func,
                                  gpointer             page_data,
                                  GDestroyNotify       page_data_destroy,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListOp *op;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_client_list_connections_async);

  op = g_new0 (ListOp, 1);
  op->page_func = page_func;
  op->page_data = page_data;
  op->page_data_destroy = page_data_destroy;
  op->max_pages = self->max_pages;
  op->cancellable = g_cancellable_new ();
  op->connections = g_ptr_array_new_with_free_func (g_object_unref);
  op->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  op->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_task_set_task_data (task, op, (GDestroyNotify) list_op_free);

  _pb_cancel_link_init (&op->task_link, cancellable, op->cancellable);
  _pb_cancel_link_init (&op->client_link, self->cancellable, op->cancellable);

  if (g_task_return_error_if_cancelled (task))
    {
      op->finished = TRUE;
      return;
    }

  if (self->base_uri == NULL)
    {
      list_finish_error (task, _pb_client_invalid_base_url_error ());
      return;
    }

  list_advance (task);
}

GPtrArray *
pb_client_list_connections_finish (PbClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _pb_client_propagate (self, result, pb_client_list_connections_async, error);
}

