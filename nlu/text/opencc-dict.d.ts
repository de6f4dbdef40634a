// opencc-js ships its dictionaries as ES modules without type declarations: each default-exports one
// string of `source target` pairs separated by `|`.
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
