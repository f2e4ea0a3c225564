/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-demo-refusal"

#include "config.h"

#include <string.h>

#include "pb-demo-server-private.h"

/* Refusing a request that comes with a body, without reading the body. libsoup 3.2 reads the
 * whole body of a request before it writes any answer (unless the client asked for
 * "Expect: 100-continue"), whatever the got-headers handlers decided. So the connection is
 * taken from libsoup: the answer the message holds is written there, with "Connection: close",
 * after the server's latency. Then the sending side is shut and what the client still sends is
 * read into one small buffer and dropped, for DRAIN_SECONDS or DRAIN_MAX_BYTES at most, so that
 * a client still writing its body reads the answer rather than a reset; then it is closed. */

#define DRAIN_SECONDS   2
#define DRAIN_MAX_BYTES (16 * 1024 * 1024)
#define BUFFER_SIZE     8192

struct _PbDemoRefusal
{
  PbDemoServer *self;          /* NULL once the server let go of it */
  GMainContext *context;
  GIOStream    *stream;
  GSocket      *socket;
  GBytes       *answer;
  GCancellable *cancellable;
  GSource      *timer;         /* the latency, then the end of draining */
  gboolean      pending;       /* an operation on the stream is under way */
  gsize         drained;
  guchar        buffer[BUFFER_SIZE];
};

static void refusal_drain (PbDemoRefusal *refusal);

/* The message's answer as HTTP/1.1 text, for a connection that closes after it. */
static GBytes *
serialize_answer (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  GString *out = g_string_new (NULL);
  guint status = soup_server_message_get_status (msg);
  const char *reason = soup_server_message_get_reason_phrase (msg);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);

  g_string_append_printf (out, "HTTP/1.%c %u %s\r\n",
                          soup_server_message_get_http_version (msg) == SOUP_HTTP_1_0 ? '0' : '1',
                          status, reason != NULL ? reason : soup_status_get_phrase (status));

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Content-Length") == 0
          || g_ascii_strcasecmp (name, "Transfer-Encoding") == 0
          || g_ascii_strcasecmp (name, "Connection") == 0)
        continue;
      g_string_append_printf (out, "%s: %s\r\n", name, value);
    }

  g_string_append_printf (out, "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                               "Connection: close\r\n"
                               "\r\n", length);

  if (length > 0 && !g_str_equal (soup_server_message_get_method (msg), "HEAD"))
    g_string_append_len (out, data, length);

  return g_string_free_to_bytes (out);
}

static void
refusal_free (PbDemoRefusal *refusal)
{
  g_assert (!refusal->pending);

  if (refusal->timer != NULL)
    {
      g_source_destroy (refusal->timer);
      g_clear_pointer (&refusal->timer, g_source_unref);
    }
  if (refusal->stream != NULL)
    g_io_stream_close (refusal->stream, NULL, NULL);
  if (refusal->socket != NULL)
    g_socket_close (refusal->socket, NULL);

  g_clear_object (&refusal->stream);
  g_clear_object (&refusal->socket);
  g_clear_object (&refusal->cancellable);
  g_clear_pointer (&refusal->answer, g_bytes_unref);
  g_clear_pointer (&refusal->context, g_main_context_unref);
  g_free (refusal);
}

/* Done with the connection: closes it. */
static void
refusal_finish (PbDemoRefusal *refusal)
{
  if (refusal->self != NULL)
    g_ptr_array_remove_fast (refusal->self->refusals, refusal);

  g_debug ("Refused connection closed after dropping %" G_GSIZE_FORMAT " bytes",
           refusal->drained);
  refusal_free (refusal);
}

static void
refusal_set_timer (PbDemoRefusal *refusal,
                   guint          milliseconds,
                   GSourceFunc    callback)
{
  if (refusal->timer != NULL)
    {
      g_source_destroy (refusal->timer);
      g_source_unref (refusal->timer);
    }

  refusal->timer = g_timeout_source_new (milliseconds);
  g_source_set_callback (refusal->timer, callback, refusal, NULL);
  g_source_set_static_name (refusal->timer, "[pb-demo-refusal] timer");
  g_source_attach (refusal->timer, refusal->context);
}

static gboolean
drain_timeout_cb (gpointer user_data)
{
  PbDemoRefusal *refusal = user_data;

  g_clear_pointer (&refusal->timer, g_source_unref);
  g_cancellable_cancel (refusal->cancellable);

  return G_SOURCE_REMOVE;
}

static void
drained_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PbDemoRefusal *refusal = user_data;
  gssize n_read;

  refusal->pending = FALSE;
  n_read = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n_read > 0 && refusal->self != NULL)
    {
      refusal->drained += n_read;
      if (refusal->drained < DRAIN_MAX_BYTES)
        {
          refusal_drain (refusal);
          return;
        }
    }

  refusal_finish (refusal);
}

static void
refusal_drain (PbDemoRefusal *refusal)
{
  refusal->pending = TRUE;

  g_main_context_push_thread_default (refusal->context);
  g_input_stream_read_async (g_io_stream_get_input_stream (refusal->stream),
                             refusal->buffer, sizeof refusal->buffer, G_PRIORITY_DEFAULT,
                             refusal->cancellable, drained_cb, refusal);
  g_main_context_pop_thread_default (refusal->context);
}

static void
answer_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PbDemoRefusal *refusal = user_data;
  g_autoptr(GError) error = NULL;

  refusal->pending = FALSE;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error)
      || refusal->self == NULL)
    {
      g_debug ("Refusal not sent whole: %s", error != NULL ? error->message : "stopped");
      refusal_finish (refusal);
      return;
    }

  /* The client reads the answer up to its end, whatever it is still sending. */
  if (refusal->socket != NULL)
    g_socket_shutdown (refusal->socket, FALSE, TRUE, NULL);

  refusal_set_timer (refusal, DRAIN_SECONDS * 1000, drain_timeout_cb);
  refusal_drain (refusal);
}

static void
refusal_write (PbDemoRefusal *refusal)
{
  gsize length;
  const void *data = g_bytes_get_data (refusal->answer, &length);

  refusal->pending = TRUE;

  g_main_context_push_thread_default (refusal->context);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (refusal->stream),
                                   data, length, G_PRIORITY_DEFAULT, refusal->cancellable,
                                   answer_written_cb, refusal);
  g_main_context_pop_thread_default (refusal->context);
}

static gboolean
latency_cb (gpointer user_data)
{
  PbDemoRefusal *refusal = user_data;

  g_clear_pointer (&refusal->timer, g_source_unref);
  refusal_write (refusal);

  return G_SOURCE_REMOVE;
}

void
_pb_demo_refuse_on_connection (PbDemoServer      *self,
                               SoupServerMessage *msg)
{
  PbDemoRefusal *refusal;
  GSocket *socket;

  g_assert (PB_IS_DEMO_SERVER (self));
  g_assert (SOUP_IS_SERVER_MESSAGE (msg));
  g_assert (soup_server_message_get_status (msg) != 0);

  refusal = g_new0 (PbDemoRefusal, 1);
  refusal->self = self;
  refusal->context = g_main_context_ref (self->context);
  refusal->cancellable = g_cancellable_new ();
  refusal->answer = serialize_answer (msg);
  socket = soup_server_message_get_socket (msg);
  refusal->socket = socket != NULL ? g_object_ref (socket) : NULL;

  /* libsoup stops reading this message; msg may be freed by it from here on. */
  refusal->stream = soup_server_message_steal_connection (msg);
  if (refusal->stream == NULL)
    {
      refusal_free (refusal);
      return;
    }

  g_ptr_array_add (self->refusals, refusal);

  if (self->latency > 0)
    refusal_set_timer (refusal, self->latency, latency_cb);
  else
    refusal_write (refusal);
}

void
_pb_demo_refusals_drop (PbDemoServer *self)
{
  g_assert (PB_IS_DEMO_SERVER (self));

  while (self->refusals->len > 0)
    {
      PbDemoRefusal *refusal = g_ptr_array_steal_index_fast (self->refusals,
                                                             self->refusals->len - 1);

      refusal->self = NULL;
      if (!refusal->pending)
        {
          refusal_free (refusal);
          continue;
        }

      /* Its callback frees it once the main loop runs; the connection ends now. */
      g_cancellable_cancel (refusal->cancellable);
      if (refusal->socket != NULL)
        g_socket_close (refusal->socket, NULL);
    }
}
