// customer-profile — loads the browser's locale data off the main thread (written by
// `cargo xtask`). The first `Intl.DisplayNames` of a renderer process opens ICU's name data
// (20–70 ms, 130–230 ms at a phone's CPU); ICU keeps it for the whole process, so once this
// worker has made one, the page's own are almost free. The entry module starts it with the
// predicted UI language.
onmessage = (message) => {
  try {
    new Intl.DisplayNames(message.data, { type: 'region', fallback: 'code' }).of('FR');
    new Intl.NumberFormat(message.data).format(1);
  } catch {
    // No Intl: the app shows codes and plain numbers itself.
  }
  postMessage(0);
};
