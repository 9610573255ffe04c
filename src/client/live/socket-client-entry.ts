// js/socket-client.js: the socket.io client for the article page and the console, built with the rest of
// the browser code (the widget bundles its own, for other origins). Built rather than served by socket.io
// (its serveClient reads ../client-dist/ beside its own module, which the dist/ bundle does not have).
export { io } from "socket.io-client";
