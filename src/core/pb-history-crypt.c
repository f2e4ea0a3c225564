/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-history"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "pb-history-private.h"

/* The sealed file of a history: see pb-history-private.h for its layout. */

#define MAGIC "PBHIST"
#define MAGIC_LENGTH 6
#define VERSION 1
#define HEADER_LENGTH (MAGIC_LENGTH + 1)
#define NONCE_LENGTH 12
#define TAG_LENGTH 16

void
_pb_history_wipe (gpointer data,
                  gsize    length)
{
  if (data != NULL && length > 0)
    gnutls_memset (data, 0, length);
}

PbHistoryKey *
_pb_history_key_new_random (void)
{
  PbHistoryKey *key = g_new0 (PbHistoryKey, 1);

  if (gnutls_rnd (GNUTLS_RND_KEY, key->bytes, sizeof key->bytes) != 0)
    g_error ("No random bytes for a key");

  return key;
}

void
_pb_history_key_free (PbHistoryKey *key)
{
  if (key == NULL)
    return;

  _pb_history_wipe (key->bytes, sizeof key->bytes);
  g_free (key);
}

char *
_pb_history_key_to_text (const PbHistoryKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return g_base64_encode (key->bytes, sizeof key->bytes);
}

PbHistoryKey *
_pb_history_key_from_text (const char *text)
{
  g_autofree guchar *decoded = NULL;
  PbHistoryKey *key;
  gsize length = 0;

  if (text == NULL || strlen (text) != 44)
    return NULL;

  decoded = g_base64_decode (text, &length);
  if (length != PB_HISTORY_KEY_SIZE)
    {
      _pb_history_wipe (decoded, length);
      return NULL;
    }

  key = g_new0 (PbHistoryKey, 1);
  memcpy (key->bytes, decoded, PB_HISTORY_KEY_SIZE);
  _pb_history_wipe (decoded, length);

  return key;
}

GError *
_pb_history_unreadable_error (const char *detail)
{
  g_debug ("The history cannot be read: %s", detail);

  return g_error_new_literal (PB_HISTORY_ERROR, PB_HISTORY_ERROR_UNREADABLE,
                              _("The history of changes cannot be read: its key is no longer "
                                "in the keyring, or the file is damaged. Clear the history to "
                                "keep a new one."));
}

/* The magic and version, then the account id. */
static GByteArray *
build_associated_data (const char *account_id)
{
  GByteArray *aad = g_byte_array_new ();
  const guint8 version = VERSION;

  g_byte_array_append (aad, (const guint8 *) MAGIC, MAGIC_LENGTH);
  g_byte_array_append (aad, &version, 1);
  g_byte_array_append (aad, (const guint8 *) account_id, strlen (account_id));

  return aad;
}

static gboolean
init_cipher (gnutls_aead_cipher_hd_t  *handle,
             const PbHistoryKey       *key,
             GError                  **error)
{
  gnutls_datum_t datum = { (unsigned char *) key->bytes, sizeof key->bytes };
  int res = gnutls_aead_cipher_init (handle, GNUTLS_CIPHER_AES_256_GCM, &datum);

  if (res < 0)
    {
      g_debug ("AES-256-GCM is not available: %s", gnutls_strerror (res));
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The history of changes cannot be encrypted on this system."));
      return FALSE;
    }

  return TRUE;
}

GBytes *
_pb_history_seal (const PbHistoryKey  *key,
                  const char          *account_id,
                  const char          *plain,
                  gsize                length,
                  GError             **error)
{
  g_autoptr(GByteArray) aad = NULL;
  gnutls_aead_cipher_hd_t handle = NULL;
  guint8 *out;
  gsize out_length;
  size_t sealed_length;
  int res;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (plain != NULL, NULL);

  if (!init_cipher (&handle, key, error))
    return NULL;

  out_length = HEADER_LENGTH + NONCE_LENGTH + length + TAG_LENGTH;
  out = g_malloc (out_length);
  memcpy (out, MAGIC, MAGIC_LENGTH);
  out[MAGIC_LENGTH] = VERSION;
  /* A new nonce for every write: never the same (key, nonce) twice. */
  if (gnutls_rnd (GNUTLS_RND_NONCE, out + HEADER_LENGTH, NONCE_LENGTH) != 0)
    g_error ("No random bytes for a nonce");

  aad = build_associated_data (account_id);
  sealed_length = length + TAG_LENGTH;
  res = gnutls_aead_cipher_encrypt (handle, out + HEADER_LENGTH, NONCE_LENGTH,
                                    aad->data, aad->len, TAG_LENGTH, plain, length,
                                    out + HEADER_LENGTH + NONCE_LENGTH, &sealed_length);
  gnutls_aead_cipher_deinit (handle);
  if (res < 0 || sealed_length != length + TAG_LENGTH)
    {
      g_debug ("Encrypting the history failed: %s", gnutls_strerror (res));
      g_free (out);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The history of changes cannot be encrypted on this system."));
      return NULL;
    }

  return g_bytes_new_take (out, out_length);
}

char *
_pb_history_open (const PbHistoryKey  *key,
                  const char          *account_id,
                  GBytes              *sealed,
                  gsize               *length,
                  GError             **error)
{
  g_autoptr(GByteArray) aad = NULL;
  gnutls_aead_cipher_hd_t handle = NULL;
  const guint8 *data;
  gsize size;
  char *plain;
  gsize allocated;
  size_t plain_length;
  int res;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (sealed != NULL, NULL);

  data = g_bytes_get_data (sealed, &size);
  if (size < HEADER_LENGTH + NONCE_LENGTH + TAG_LENGTH)
    {
      g_propagate_error (error, _pb_history_unreadable_error ("too short"));
      return NULL;
    }
  if (memcmp (data, MAGIC, MAGIC_LENGTH) != 0)
    {
      g_propagate_error (error, _pb_history_unreadable_error ("not a history file"));
      return NULL;
    }
  if (data[MAGIC_LENGTH] != VERSION)
    {
      g_propagate_error (error, _pb_history_unreadable_error ("an unknown version"));
      return NULL;
    }

  if (!init_cipher (&handle, key, error))
    return NULL;

  aad = build_associated_data (account_id);
  allocated = size - HEADER_LENGTH - NONCE_LENGTH - TAG_LENGTH + 1;
  plain = g_malloc (allocated);
  plain_length = allocated - 1;
  res = gnutls_aead_cipher_decrypt (handle, (void *) (data + HEADER_LENGTH), NONCE_LENGTH,
                                    aad->data, aad->len, TAG_LENGTH,
                                    data + HEADER_LENGTH + NONCE_LENGTH,
                                    size - HEADER_LENGTH - NONCE_LENGTH,
                                    plain, &plain_length);
  gnutls_aead_cipher_deinit (handle);
  if (res < 0)
    {
      _pb_history_wipe (plain, allocated);
      g_free (plain);
      g_propagate_error (error, _pb_history_unreadable_error (gnutls_strerror (res)));
      return NULL;
    }

  plain[plain_length] = '\0';
  if (length != NULL)
    *length = plain_length;

  return plain;
}
