package dev.parley.command.media.direct;

/** {@code POST /api/media/uploads}'s body: the file the client is about to PUT. */
record DeclaredUpload(String contentType, Long size) {
}
