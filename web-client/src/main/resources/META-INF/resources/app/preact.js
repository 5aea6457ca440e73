// The one place that names the library's version (the WebJar's path; pom.xml's preact.version).
export { h, render, Component, Fragment, createRef } from '../webjars/preact/10.28.0/dist/preact.module.js';
