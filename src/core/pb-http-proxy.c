/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-http-proxy"

#include "config.h"

#include <string.h>

#include "pb-http-proxy.h"

struct _PbHttpProxy
{
  GObject         parent_instance;
  GProxyResolver *fallback;
};

static void pb_http_proxy_resolver_iface_init (GProxyResolverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbHttpProxy, pb_http_proxy, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_PROXY_RESOLVER,
                                                      pb_http_proxy_resolver_iface_init))

gboolean
pb_http_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *name = NULL;
  gsize length;

  if (host == NULL || *host == '\0')
    return FALSE;

  /* "localhost." is the same name. Not "*.localhost": a resolver may send it to DNS. */
  name = g_ascii_strdown (host, -1);
  length = strlen (name);
  if (length > 1 && name[length - 1] == '.')
    name[--length] = '\0';
  if (g_str_equal (name, "localhost"))
    return TRUE;

  address = g_inet_address_new_from_string (name);
  if (address == NULL)
    return FALSE;
  if (g_inet_address_get_is_loopback (address))
    return TRUE;

  /* ::ffff:127.0.0.1 is 127.0.0.1 written as an IPv6 address. */
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    {
      const guint8 *bytes = g_inet_address_to_bytes (address);
      static const guint8 mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

      return memcmp (bytes, mapped, sizeof mapped) == 0 && bytes[12] == 127;
    }

  return FALSE;
}

static gboolean
is_loopback_uri (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

  return parsed != NULL && pb_http_host_is_loopback (g_uri_get_host (parsed));
}

static char **
direct (void)
{
  char **proxies = g_new0 (char *, 2);

  proxies[0] = g_strdup ("direct://");
  return proxies;
}

static GProxyResolver *
get_fallback (PbHttpProxy *self)
{
  return self->fallback != NULL ? self->fallback : g_proxy_resolver_get_default ();
}

static gboolean
pb_http_proxy_is_supported (GProxyResolver *resolver)
{
  return TRUE;
}

static char **
pb_http_proxy_lookup (GProxyResolver  *resolver,
                      const char      *uri,
                      GCancellable    *cancellable,
                      GError         **error)
{
  PbHttpProxy *self = PB_HTTP_PROXY (resolver);

  if (is_loopback_uri (uri))
    return direct ();

  return g_proxy_resolver_lookup (get_fallback (self), uri, cancellable, error);
}

static void
fallback_lookup_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char **proxies;

  proxies = g_proxy_resolver_lookup_finish (G_PROXY_RESOLVER (object), result, &error);
  if (proxies == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, proxies, (GDestroyNotify) g_strfreev);
}

static void
pb_http_proxy_lookup_async (GProxyResolver      *resolver,
                            const char          *uri,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  PbHttpProxy *self = PB_HTTP_PROXY (resolver);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_http_proxy_lookup_async);

  if (is_loopback_uri (uri))
    {
      g_task_return_pointer (task, direct (), (GDestroyNotify) g_strfreev);
      return;
    }

  g_proxy_resolver_lookup_async (get_fallback (self), uri, cancellable, fallback_lookup_cb,
                                 g_steal_pointer (&task));
}

static char **
pb_http_proxy_lookup_finish (GProxyResolver  *resolver,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
pb_http_proxy_resolver_iface_init (GProxyResolverInterface *iface)
{
  iface->is_supported = pb_http_proxy_is_supported;
  iface->lookup = pb_http_proxy_lookup;
  iface->lookup_async = pb_http_proxy_lookup_async;
  iface->lookup_finish = pb_http_proxy_lookup_finish;
}

static void
pb_http_proxy_finalize (GObject *object)
{
  PbHttpProxy *self = PB_HTTP_PROXY (object);

  g_clear_object (&self->fallback);

  G_OBJECT_CLASS (pb_http_proxy_parent_class)->finalize (object);
}

static void
pb_http_proxy_class_init (PbHttpProxyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_http_proxy_finalize;
}

static void
pb_http_proxy_init (PbHttpProxy *self)
{
}

GProxyResolver *
pb_http_proxy_new (GProxyResolver *fallback)
{
  PbHttpProxy *self;

  g_return_val_if_fail (fallback == NULL || G_IS_PROXY_RESOLVER (fallback), NULL);

  self = g_object_new (PB_TYPE_HTTP_PROXY, NULL);
  g_set_object (&self->fallback, fallback);

  return G_PROXY_RESOLVER (self);
}
